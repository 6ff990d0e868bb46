import { assertPeriod, assertStep, type Period, periodLength } from '../time/period.js';
import type { FoldedPoint } from './types.js';

export interface ResampleOptions {
  /** Bucket width in ms, e.g. 300000 for the status page's 5-minute chart. */
  step: number;
  /** The period the offsets belong to; sets the grid length (24 h or 168 h of wall clock). Default 'day'. */
  period?: Period;
}

/** Number of buckets of `step` ms in a period; the last one is shorter when `step` does not divide it. */
export function gridSize(step: number, period: Period = 'day'): number {
  assertStep(step);
  assertPeriod(period);
  return Math.ceil(periodLength(period) / step);
}

/** Start offsets of the buckets of a grid: [0, step, 2·step, …]. */
export function gridOffsets(step: number, period: Period = 'day'): number[] {
  return Array.from({ length: gridSize(step, period) }, (_, i) => i * step);
}

/**
 * Puts a folded series on a grid of `step`-wide buckets of wall-clock offsets: the mean of the
 * values in each bucket, null where a bucket has none (a gap stays a gap). Offsets outside the
 * period are ignored.
 */
export function resample(points: readonly FoldedPoint[], options: ResampleOptions): (number | null)[] {
  const grid = resampleInto(points, options.step, gridSize(options.step, options.period));
  return Array.from(grid, (v) => (Number.isNaN(v) ? null : v));
}

/** resample as a Float64Array with NaN for empty buckets; step must already be checked. */
export function resampleInto(points: readonly FoldedPoint[], step: number, size: number): Float64Array {
  const sums = new Float64Array(size);
  const counts = new Uint32Array(size);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const b = Math.floor(p.offset / step);
    if (b >= 0 && b < size && Number.isFinite(p.value)) {
      sums[b]! += p.value;
      counts[b]!++;
    }
  }
  for (let b = 0; b < size; b++) sums[b] = counts[b]! > 0 ? sums[b]! / counts[b]! : Number.NaN;
  return sums;
}
