import type { Band } from '../baseline/baselineBand.js';
import { RhythmError } from '../errors/RhythmError.js';
import { resampleInto } from '../fold/resample.js';
import type { FoldedPeriod } from '../fold/types.js';
import { periodLength } from '../time/period.js';
import { MINUTE_MS } from '../time/units.js';

export interface AnomalyOptions {
  /**
   * How far outside the band a value must be, as a fraction of the band's width (high − low) at
   * that offset. Default 0.2: with a p10–p90 band of 300–400 calls/min, anomalous is above 420 or
   * below 280. Relative to the width rather than the median, so a naturally noisy hour needs a
   * bigger excursion than a steady one.
   */
  margin?: number;
  /**
   * A floor for the tolerance, in the series' own unit. Default 0: where earlier periods agreed
   * exactly (a flat band, e.g. zero calls at night) any difference counts; set e.g. 1 to ignore a
   * single stray call.
   */
  minTolerance?: number;
}

export interface AnomalyRange {
  /** Wall-clock offset of the first anomalous bucket. */
  from: number;
  /** Wall-clock offset where the range ends (exclusive): the end of its last bucket. */
  to: number;
  direction: 'above' | 'below';
  /** Largest distance beyond the band's edge in the range (always > 0). */
  peak: number;
}

export interface Anomalies {
  /** Runs of consecutive anomalous buckets in the same direction, in offset order. */
  ranges: AnomalyRange[];
  /** Anomalous buckets × step, in minutes. Wall-clock minutes: the repeated hour of a fall-back day counts once. */
  anomalousMinutes: number;
}

/**
 * Where the current period leaves the band: value > high + tolerance ('above') or value < low −
 * tolerance ('below'), with tolerance = max(margin × (high − low), minTolerance). Buckets without a
 * current value or without a band are never anomalous and end a range.
 *
 * `current` is a grid of the band's step (from `resample`) or a folded period, resampled here.
 */
export function detectAnomalies(
  current: readonly (number | null)[] | FoldedPeriod,
  band: Band,
  options: AnomalyOptions = {},
): Anomalies {
  const { margin = 0.2, minTolerance = 0 } = options;
  if (!(margin >= 0) || !(minTolerance >= 0)) {
    throw new RhythmError(
      'HARTSLAG_ERR_RHYTHM_OPTION_INVALID',
      `margin and minTolerance must be numbers ≥ 0, got margin ${String(margin)}, minTolerance ${String(minTolerance)}.`,
    );
  }
  const size = band.offsets.length;
  let values: ArrayLike<number | null>;
  if (Array.isArray(current)) {
    if (current.length !== size) {
      throw new RhythmError(
        'HARTSLAG_ERR_RHYTHM_GRID_MISMATCH',
        `The current series has ${current.length} buckets, the band ${size}: resample it with the band's step ` +
          `(resample(points, { step: ${band.step}, period: '${band.period}' })).`,
      );
    }
    values = current;
  } else {
    values = resampleInto((current as FoldedPeriod).points, band.step, size);
  }

  const ranges: AnomalyRange[] = [];
  let open: AnomalyRange | null = null;
  let anomalous = 0;
  const length = periodLength(band.period);
  for (let i = 0; i < size; i++) {
    const v = values[i];
    const lo = band.low[i];
    const hi = band.high[i];
    let direction: 'above' | 'below' | null = null;
    let beyond = 0;
    if (
      typeof v === 'number' &&
      !Number.isNaN(v) &&
      lo !== null &&
      lo !== undefined &&
      hi !== null &&
      hi !== undefined
    ) {
      const tolerance = Math.max(margin * (hi - lo), minTolerance);
      if (v > hi + tolerance) {
        direction = 'above';
        beyond = v - hi;
      } else if (v < lo - tolerance) {
        direction = 'below';
        beyond = lo - v;
      }
    }
    if (direction === null) {
      open = null;
      continue;
    }
    // The last bucket is shorter when the step does not divide the period.
    const end = Math.min((i + 1) * band.step, length);
    anomalous += end - i * band.step;
    if (open !== null && open.direction === direction) {
      open.to = end;
      if (beyond > open.peak) open.peak = beyond;
    } else {
      open = { from: i * band.step, to: end, direction, peak: beyond };
      ranges.push(open);
    }
  }
  return { ranges, anomalousMinutes: anomalous / MINUTE_MS };
}
