import type { Point } from '../fold/types.js';
import { assertInstant } from '../time/period.js';
import { DAY_MS, MAX_INSTANT } from '../time/units.js';
import { ZoneOffsets } from '../time/ZoneOffsets.js';
import { assertTimeZone } from '../time/zone.js';
import { type Shift, type ShiftSpec, shiftFor } from './shiftFor.js';

/**
 * Re-timestamps an earlier series onto the current period, for an overlay: each point moves
 * forward by the shift (a calendar shift keeps the wall-clock time and changes the local date).
 *
 * - A point whose wall-clock time does not exist on the target date (02:xx on a spring-forward
 *   day) is dropped, as the current day has no points there either.
 * - A point landing in a repeated hour (02:xx on a fall-back day) takes the pass with the same UTC
 *   offset it had, else the earlier pass.
 * - Null values are kept (they are gaps in the overlay too); points with an impossible instant are
 *   dropped. The order of the input is kept.
 */
export function alignShift(points: readonly Point[], spec: Shift | ShiftSpec, timeZone: string): Point[] {
  const shift = resolveShift(spec);
  assertTimeZone(timeZone);
  const out: Point[] = [];
  if (shift.kind === 'fixed') {
    for (const p of points) {
      const t = p.t + shift.ms;
      if (p.t >= -MAX_INSTANT && t <= MAX_INSTANT) out.push({ t, v: p.v });
    }
    return out;
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    if (p.t >= -MAX_INSTANT && p.t <= MAX_INSTANT - shift.days * DAY_MS) {
      if (p.t < min) min = p.t;
      if (p.t > max) max = p.t;
    }
  }
  if (min > max) return out;
  const by = shift.days * DAY_MS;
  const from = ZoneOffsets.covering(timeZone, min, max);
  const to = ZoneOffsets.covering(timeZone, min + by, max + by);
  for (const p of points) {
    const t = p.t;
    if (!(t >= min && t <= max)) continue;
    const offset = from.offsetAt(t);
    const moved = to.instantOf(t + offset + by, 'skip', offset);
    if (!Number.isNaN(moved)) out.push({ t: moved, v: p.v });
  }
  return out;
}

/**
 * The instant a shift looks back to: the same wall-clock time `days` local dates earlier for a
 * calendar shift (pushed forward past a spring-forward gap, as Temporal does), `ms` earlier for a
 * fixed one. Use it to ask a data source for the range an overlay needs.
 */
export function shiftBack(t: number, spec: Shift | ShiftSpec, timeZone: string): number {
  const shift = resolveShift(spec);
  assertInstant(t, 't');
  assertTimeZone(timeZone);
  if (shift.kind === 'fixed') return t - shift.ms;
  const back = t - shift.days * DAY_MS;
  const from = ZoneOffsets.covering(timeZone, t, t);
  const offset = from.offsetAt(t);
  return ZoneOffsets.covering(timeZone, back, back).instantOf(t + offset - shift.days * DAY_MS, 'later', offset);
}

function resolveShift(spec: Shift | ShiftSpec): Shift {
  return typeof spec === 'object' && spec !== null && 'kind' in spec ? spec : shiftFor(spec);
}
