import { FamilySamples, type SampleLabels } from './FamilySamples.js';
import type { FamilyKey } from './familyKeys.js';
import type { Histogram } from './Histogram.js';

/**
 * The samples of a histogram family: count, sum and per-bucket counts of each histogram, copied
 * in one pass. Every histogram family (call duration, stage duration, message age) goes through
 * here. A histogram keeps its place for the aggregate's life, so its place is its identity.
 */
export function histogramSamples(
  key: FamilyKey,
  labelNames: readonly string[],
  hs: readonly Histogram[],
  bounds: Float64Array,
  labels: SampleLabels,
): FamilySamples {
  const n = hs.length;
  const width = bounds.length + 1;
  const values = new Float64Array(n);
  const places = new Int32Array(n);
  const sums = new Float64Array(n);
  const counts = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const h = hs[i]!;
    values[i] = h.count;
    places[i] = h.place;
    sums[i] = h.sum;
    counts.set(h.counts, i * width);
  }
  return new FamilySamples(key, 'histogram', labelNames, n, values, places, Float64Array.from(places), labels, {
    bounds,
    counts,
    sums,
  });
}

/** Back to zero, as after `registry.resetMetrics()`. */
export function resetHistograms(hs: Iterable<Histogram>): void {
  for (const h of hs) {
    h.counts.fill(0);
    h.sum = 0;
    h.count = 0;
  }
}
