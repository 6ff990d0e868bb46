import { RhythmError } from '../errors/RhythmError.js';
import { gridSize, resampleInto } from '../fold/resample.js';
import type { FoldedPeriod } from '../fold/types.js';
import { assertPeriod, type Period } from '../time/period.js';
import { assertQuantiles, type BandQuantiles, DEFAULT_QUANTILES, quantile } from './quantile.js';

export interface BandOptions {
  /** Grid step in ms: 300000 for 5-minute buckets, or the data's own step. */
  step: number;
  /** Edges of the band. Default p10–p90. */
  quantiles?: BandQuantiles;
  /** Fewer contributing periods than this at an offset leaves the band empty (null) there. Default 1. */
  minPeriods?: number;
  /** Needed only when `history` may be empty; otherwise taken from it. Default 'day'. */
  period?: Period;
}

/** "A usual day": per grid offset, the median and quantiles of earlier periods. */
export interface Band {
  period: Period;
  step: number;
  quantiles: BandQuantiles;
  /** Start offset of each bucket: [0, step, 2·step, …]. */
  offsets: number[];
  median: (number | null)[];
  low: (number | null)[];
  high: (number | null)[];
  /** How many periods had a value at each offset. */
  count: number[];
  /** Keys of the periods that went in, as given. */
  periods: string[];
}

/**
 * The baseline band of a set of earlier periods: each is resampled onto the grid (mean per
 * bucket), then at each offset the median and `quantiles` are taken over the periods that have a
 * value there (nulls and gaps are ignored, not counted as zero).
 */
export function baselineBand(history: readonly FoldedPeriod[], options: BandOptions): Band {
  const { step, quantiles = DEFAULT_QUANTILES, minPeriods = 1 } = options;
  const period = history[0]?.period ?? options.period ?? 'day';
  assertPeriod(period);
  assertQuantiles(quantiles);
  if (!Number.isInteger(minPeriods) || minPeriods < 1) {
    throw new RhythmError(
      'HARTSLAG_ERR_RHYTHM_OPTION_INVALID',
      `minPeriods must be a whole number ≥ 1, got ${String(minPeriods)}.`,
    );
  }
  for (const p of history) {
    if (p.period !== period) {
      throw new RhythmError(
        'HARTSLAG_ERR_RHYTHM_OPTION_INVALID',
        `history mixes ${period}s and ${p.period}s (${p.key}): fold all of it with the same period.`,
      );
    }
  }
  const size = gridSize(step, period);
  const grids = history.map((p) => resampleInto(p.points, step, size));
  const median: (number | null)[] = new Array(size);
  const low: (number | null)[] = new Array(size);
  const high: (number | null)[] = new Array(size);
  const count: number[] = new Array(size);
  const column = new Float64Array(grids.length);

  for (let i = 0; i < size; i++) {
    let n = 0;
    for (let g = 0; g < grids.length; g++) {
      const v = grids[g]![i]!;
      if (!Number.isNaN(v)) {
        // Insertion sort: a column holds a handful of weeks, rarely more than a few dozen days.
        let j = n++;
        while (j > 0 && column[j - 1]! > v) {
          column[j] = column[j - 1]!;
          j--;
        }
        column[j] = v;
      }
    }
    count[i] = n;
    if (n >= minPeriods) {
      median[i] = quantile(column, 0.5, n);
      low[i] = quantile(column, quantiles.low, n);
      high[i] = quantile(column, quantiles.high, n);
    } else {
      median[i] = low[i] = high[i] = null;
    }
  }
  return {
    period,
    step,
    quantiles: { low: quantiles.low, high: quantiles.high },
    offsets: Array.from({ length: size }, (_, i) => i * step),
    median,
    low,
    high,
    count,
    periods: history.map((p) => p.key),
  };
}
