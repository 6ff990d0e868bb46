/**
 * Joins the buckets between two samples of a series coarser than the grid (a 5-minute overlay on a
 * 1-minute grid) by linear interpolation, so it draws as a line rather than dots. Runs of at most
 * `maxGap` empty buckets are filled; longer ones are real gaps (missed scrapes) and stay empty.
 * Changes `values` in place and returns it.
 */
export function bridgeGaps(values: (number | null)[], maxGap: number): (number | null)[] {
  if (maxGap < 1) return values;
  let last = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const gap = i - last - 1;
    if (last >= 0 && gap > 0 && gap <= maxGap) {
      const from = values[last]!;
      for (let j = 1; j <= gap; j++) values[last + j] = from + ((v - from) * j) / (gap + 1);
    }
    last = i;
  }
  return values;
}

/** How many empty buckets between two samples are normal for a series sampled every `ownStep` on a `gridStep` grid. */
export function normalGap(ownStep: number | null, gridStep: number): number {
  if (ownStep === null || ownStep <= gridStep * 1.01) return 0;
  // Up to half a step late still counts as the next sample rather than a missed one.
  return Math.floor((1.5 * ownStep) / gridStep) - 1;
}
