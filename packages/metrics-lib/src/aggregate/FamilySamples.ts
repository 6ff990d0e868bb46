import type { FamilyKey } from './familyKeys.js';

/** What a histogram family adds to its samples: bucket bounds, per-bucket counts and sums. */
export interface HistogramColumns {
  /** Upper bounds, +Inf excepted: each sample has `bounds.length + 1` buckets. */
  readonly bounds: Float64Array;
  /** Per-bucket (not cumulative) counts, sample by sample: counts[i * (bounds.length + 1) + b]. */
  readonly counts: Float64Array;
  readonly sums: Float64Array;
}

/** How a FamilySamples answers for its label values and start times, without a copy per sample. */
export interface SampleLabels {
  label(i: number, j: number): string;
  startedAt(i: number): number;
}

/**
 * The samples of one metric family as of one moment: a copy, so recording, eviction or a reset
 * after it changes nothing here, and an exporter may take its time (or turns of the event loop)
 * to write it out. Columnar, so a scrape of 55k series reads typed arrays instead of allocating
 * an object per sample; label values are looked up only when asked for.
 *
 * Every sample carries `service` as well; it is the same on all and not repeated here.
 */
export class FamilySamples {
  /** Every place is below this: what a cache indexed by place needs room for. */
  readonly placeBound: number;

  constructor(
    readonly key: FamilyKey,
    readonly type: 'counter' | 'histogram' | 'gauge',
    /** Label names after `service`, in exposition order. */
    readonly labelNames: readonly string[],
    /** Number of samples. Series without calls that the family leaves out are not among them. */
    readonly size: number,
    /** Per sample: the counter's value, or the histogram's count. */
    readonly values: Float64Array,
    /**
     * Per sample: a small, stable number for where its series lives in the aggregate, below a
     * bound set by the caps, and taken over by another series only once this one is gone.
     * With `ids`, what an exporter needs to cache rendered label text per series.
     */
    readonly places: Int32Array,
    /** Per sample: its series' identity, never given to another series at the same place. */
    readonly ids: Float64Array,
    private readonly lookup: SampleLabels,
    /** Histogram families only. */
    readonly histogram?: HistogramColumns,
  ) {
    let bound = 0;
    for (let i = 0; i < size; i++) if (places[i]! >= bound) bound = places[i]! + 1;
    this.placeBound = bound;
  }

  /** Value of label `labelNames[j]` of sample `i`, as exported (already checked by the label policy). */
  label(i: number, j: number): string {
    return this.lookup.label(i, j);
  }

  /** When sample `i`'s series began counting from zero, ms since the epoch (cumulative start time). */
  startedAt(i: number): number {
    return this.lookup.startedAt(i);
  }
}
