import { RhythmError } from '../errors/RhythmError.js';

/**
 * Quantile of ascending-sorted values by linear interpolation between closest ranks: numpy's
 * default (`method='linear'`), Hyndman & Fan type 7, the same as R's default and Excel's
 * PERCENTILE.INC. NaN for no values.
 */
export function quantile(sorted: ArrayLike<number>, q: number, count = sorted.length): number {
  if (count === 0) return Number.NaN;
  const h = (count - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  return lo + 1 < count ? a + (h - lo) * (sorted[lo + 1]! - a) : a;
}

/** The band's edges: `low` and `high` quantiles, 0 ≤ low < high ≤ 1 (default p10 and p90). */
export interface BandQuantiles {
  low: number;
  high: number;
}

export const DEFAULT_QUANTILES: BandQuantiles = Object.freeze({ low: 0.1, high: 0.9 });

export function assertQuantiles(q: BandQuantiles): void {
  const ok =
    typeof q === 'object' &&
    q !== null &&
    typeof q.low === 'number' &&
    typeof q.high === 'number' &&
    q.low >= 0 &&
    q.high <= 1 &&
    q.low < q.high;
  if (!ok) {
    throw new RhythmError(
      'HARTSLAG_ERR_RHYTHM_QUANTILE_INVALID',
      `quantiles must be { low, high } with 0 ≤ low < high ≤ 1, got ${JSON.stringify(q) ?? String(q)}; ` +
        `e.g. { low: 0.1, high: 0.9 } for the p10–p90 band.`,
    );
  }
}
