/**
 * `@hartslag/metrics/contract`: the metric contract alone, with no runtime dependencies, for the
 * parts that generate rules, dashboards and load-test thresholds from it.
 */

export {
  ALERT_WINDOWS,
  type AlertWindow,
  BASELINE_WINDOW,
  burnFactor,
  COUNT_WINDOWS,
  COVERAGE_STEP,
  JUDGE_WINDOWS,
  MIN_FAILED_CALLS,
  minDataSeconds,
  NOW_INTERVAL,
  NOW_WINDOW,
  PAGE_FOR,
  SLI_WINDOWS,
  silenceFor,
  TICKET_MIN_COVERAGE,
} from './contract/alerting.js';
export { DEFAULT_DURATION_BUCKETS } from './contract/buckets.js';
export { formatDuration } from './contract/duration.js';
export {
  DEFAULT_NAMESPACE,
  HELP,
  LABELS,
  METRICS,
  type MetricNames,
  metricNames,
  OTHER,
  REDACTED,
} from './contract/names.js';
export { type OtelInstrument, type OtelInstruments, otelInstruments } from './contract/otel.js';
export { BUDGET_BURNING_OUTCOMES, isOutcome, OUTCOMES, type Outcome } from './contract/outcomes.js';
export { HartslagError } from './errors.js';
