import { dayToDate, isoWeekOfDay, mondayOfDay, weekdayOfDay } from '../time/localDate.js';
import { assertPeriod, assertStep, periodLength } from '../time/period.js';
import { DAY_MS, MAX_INSTANT, WEEK_MS } from '../time/units.js';
import { ZoneOffsets } from '../time/ZoneOffsets.js';
import { assertTimeZone } from '../time/zone.js';
import type { FoldedPeriod, FoldedPoint, FoldOptions, Point } from './types.js';

interface Accumulator {
  day: number;
  // Bucketed (with a step):
  sums: Float64Array | null;
  counts: Uint32Array | null;
  // Raw (without): parallel arrays, cheaper than one object per point until the end.
  offsets: number[];
  values: number[];
  instants: number[];
  sorted: boolean;
}

/**
 * Folds a series into local days or weeks of a time zone, each value placed at its wall-clock
 * position since the period's local midnight, so 08:00 lines up with 08:00 on every day.
 *
 * - Spring-forward day (23 h): 02:00–03:00 has no values.
 * - Fall-back day (25 h): both passes through 02:00–03:00 land on the same positions. With a
 *   `step` they are averaged into one bucket (a rate stays a rate); without, both are kept, the
 *   earlier pass first.
 * - Points may come in any order; null/NaN values are skipped (a period with only those still
 *   appears, with no points); points with an impossible instant are ignored.
 *
 * Returns the periods keyed by local start date, in date order.
 */
export function fold(points: readonly Point[], options: FoldOptions): Map<string, FoldedPeriod> {
  const { period, timeZone, step } = options;
  assertPeriod(period);
  assertTimeZone(timeZone);
  if (step !== undefined) assertStep(step);

  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < points.length; i++) {
    const t = points[i]!.t;
    // Written so that NaN and non-numbers fail too.
    if (t >= -MAX_INSTANT && t <= MAX_INSTANT) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  const result = new Map<string, FoldedPeriod>();
  if (min > max) return result;

  // A week can start up to six days before the first point.
  const zone = ZoneOffsets.covering(timeZone, min - WEEK_MS, max + WEEK_MS);
  const weekly = period === 'week';
  const buckets = step === undefined ? 0 : Math.ceil(periodLength(period) / step);
  const accumulators = new Map<number, Accumulator>();
  let current: Accumulator | undefined;

  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const t = p.t;
    if (!(t >= -MAX_INSTANT && t <= MAX_INSTANT)) continue;
    const wall = t + zone.offsetAt(t);
    let day = Math.floor(wall / DAY_MS);
    if (weekly) day = mondayOfDay(day);
    if (current === undefined || current.day !== day) {
      current = accumulators.get(day);
      if (current === undefined) {
        current = {
          day,
          sums: buckets > 0 ? new Float64Array(buckets) : null,
          counts: buckets > 0 ? new Uint32Array(buckets) : null,
          offsets: [],
          values: [],
          instants: [],
          sorted: true,
        };
        accumulators.set(day, current);
      }
    }
    const v = p.v;
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const offset = wall - day * DAY_MS;
    if (current.sums !== null) {
      const b = Math.floor(offset / step!);
      current.sums[b]! += v;
      current.counts![b]!++;
    } else {
      const n = current.offsets.length;
      if (
        n > 0 &&
        (offset < current.offsets[n - 1]! || (offset === current.offsets[n - 1]! && t < current.instants[n - 1]!))
      )
        current.sorted = false;
      current.offsets.push(offset);
      current.values.push(v);
      current.instants.push(t);
    }
  }

  const days = [...accumulators.keys()].sort((a, b) => a - b);
  const length = periodLength(period);
  for (const day of days) {
    const acc = accumulators.get(day)!;
    result.set(dayToDate(day), {
      key: dayToDate(day),
      period,
      start: zone.instantOf(day * DAY_MS, 'later'),
      end: zone.instantOf(day * DAY_MS + length, 'later'),
      weekday: weekdayOfDay(day),
      isoWeek: isoWeekOfDay(day),
      points: acc.sums !== null ? bucketPoints(acc.sums, acc.counts!, step!) : rawPoints(acc),
    });
  }
  return result;
}

function bucketPoints(sums: Float64Array, counts: Uint32Array, step: number): FoldedPoint[] {
  const out: FoldedPoint[] = [];
  for (let b = 0; b < sums.length; b++) {
    const n = counts[b]!;
    if (n > 0) out.push({ offset: b * step, value: sums[b]! / n });
  }
  return out;
}

function rawPoints(acc: Accumulator): FoldedPoint[] {
  const { offsets, values, instants } = acc;
  const order = offsets.map((_, i) => i);
  if (!acc.sorted) order.sort((a, b) => offsets[a]! - offsets[b]! || instants[a]! - instants[b]!);
  return order.map((i) => ({ offset: offsets[i]!, value: values[i]! }));
}
