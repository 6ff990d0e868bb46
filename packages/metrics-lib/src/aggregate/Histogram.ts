/**
 * One histogram series. Buckets hold per-bucket (not cumulative) counts so an observation
 * touches one cell; exporters cumulate at collect time.
 */
export class Histogram {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    /** Order of creation in its CallTable: where exporters keep what they render for it. */
    readonly place: number,
    readonly bounds: Float64Array,
    readonly operation: string,
    readonly outcome: number,
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(seconds: number): void {
    const bounds = this.bounds;
    let i = 0;
    // Linear scan: 12 bounds, most calls land in the first few; beats binary search here.
    while (i < bounds.length && seconds > bounds[i]) i++;
    this.counts[i] += 1;
    this.sum += seconds;
    this.count += 1;
  }

  /** `n` observations of `seconds`: what `observe` n times gives, in one step. */
  observeMany(seconds: number, n: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]) i++;
    this.counts[i] += n;
    this.sum += seconds * n;
    this.count += n;
  }
}
