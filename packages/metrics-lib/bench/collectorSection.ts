/** Where bench/collector.ts's section of BENCHMARKS.md starts; bench/index.ts keeps it when it rewrites the rest. */
export const COLLECTOR_SECTION = '<!-- bench/collector.ts writes from here on -->';

/** One round of the Collector bench: this many series, each sent in this many cumulative exports. */
export const COLLECTOR_WORKLOAD = { series: 5000, exports: 40 } as const;
