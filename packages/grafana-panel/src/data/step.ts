import { DAY_MS, type Period, type Point, periodLength, SECOND_MS } from '@hartslag/rhythm';

/** More buckets than this per period cost render time without a visible difference: a week at 30 s. */
export const MAX_BUCKETS = 20_160;

/**
 * The sampling interval of a series: the median of the positive gaps between consecutive points,
 * so a few missing scrapes or one late sample do not change it. Null with fewer than two times.
 */
export function inferStep(points: readonly Point[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (points[i]!.t < points[i - 1]!.t) sorted = false;
  const ordered = sorted ? points : [...points].sort((a, b) => a.t - b.t);
  // Regular scrapes give a handful of distinct gaps: count them rather than sort 50,000 numbers.
  const counts = new Map<number, number>();
  let total = 0;
  for (let i = 1; i < n; i++) {
    const d = ordered[i]!.t - ordered[i - 1]!.t;
    if (d > 0) {
      counts.set(d, (counts.get(d) ?? 0) + 1);
      total++;
    }
  }
  if (total === 0) return null;
  const gaps = [...counts.keys()].sort((a, b) => a - b);
  // The median of the multiset: the middle element, or the mean of the two middle ones.
  const lowRank = Math.floor((total - 1) / 2);
  const highRank = Math.floor(total / 2);
  let seen = 0;
  let low: number | null = null;
  for (const g of gaps) {
    seen += counts.get(g)!;
    if (low === null && seen > lowRank) low = g;
    if (seen > highRank) return (low! + g) / 2;
  }
  return low;
}

/**
 * The grid step for a period: the data's step rounded to whole seconds, at least 1 s, at most a
 * day, and coarse enough that the period has at most MAX_BUCKETS buckets.
 */
export function gridStep(step: number | null, period: Period): number {
  const length = periodLength(period);
  let s = step === null || !Number.isFinite(step) ? 60 * SECOND_MS : Math.round(step / SECOND_MS) * SECOND_MS;
  s = Math.min(Math.max(s, SECOND_MS), DAY_MS);
  const floor = Math.ceil(length / MAX_BUCKETS / SECOND_MS) * SECOND_MS;
  return Math.max(s, floor);
}
