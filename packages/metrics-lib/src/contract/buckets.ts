/**
 * Latency buckets in seconds for healthcare APIs: a medication-history lookup answers in tens of
 * milliseconds, a national e-health platform round trip can take seconds, and 30 s is where
 * callers time out. Dense around 100 ms–2.5 s, where SLO latency thresholds are usually set,
 * so `histogram_quantile` interpolates over narrow buckets there.
 */
export const DEFAULT_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
]);
