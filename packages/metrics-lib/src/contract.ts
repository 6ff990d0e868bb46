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
  CURRENT_BURN_WINDOW,
  JUDGE_WINDOWS,
  MIN_FAILED_CALLS,
  minDataSeconds,
  NOW_INTERVAL,
  NOW_WINDOW,
  PAGE_FOR,
  PERIOD_CATCH_UP,
  PERIOD_LOOKBACK,
  PERIOD_STEP,
  SLI_WINDOWS,
  silenceFor,
  TICKET_MIN_COVERAGE,
} from './contract/alerting.js';
export { DEFAULT_DURATION_BUCKETS } from './contract/buckets.js';
export { formatDuration } from './contract/duration.js';
export { FAMILY_CONTRACT, type FamilyContract } from './contract/families.js';
export { SLO_GAUGES, type SloGaugeNames, sloGaugeNames } from './contract/gauges.js';
export {
  SLO_GROUP_FAMILIES,
  SLO_GROUP_RANK_WINDOW,
  SLO_GROUP_TOP_DEFAULT,
  SLO_GROUP_TOP_MAX,
  type SloGroupLabel,
} from './contract/groups.js';
export { GRPC_STATUS_NAMES, grpcStatusName } from './contract/grpc.js';
export { LOADTEST_JOB, LOADTEST_LABELS, LOADTEST_SERIES } from './contract/loadtest.js';
export {
  LOGWATCH_REJECT_REASONS,
  LOGWATCH_SERIES,
  LOGWATCH_SOURCE_LABEL,
  type LogwatchRejectReason,
} from './contract/logwatch.js';
export {
  DEFAULT_NAMESPACE,
  HELP,
  INSTRUMENTATION_ERROR_REASONS,
  INVALID,
  type InstrumentationErrorReason,
  LABELS,
  METRICS,
  type MetricNames,
  metricNames,
  OTHER,
  REDACTED,
} from './contract/names.js';
export { type OtelInstrument, type OtelInstruments, otelInstruments } from './contract/otel.js';
export { BUDGET_BURNING_OUTCOMES, isOutcome, OUTCOMES, type Outcome } from './contract/outcomes.js';
export type {
  AnomalyOption,
  BandOption,
  CustomShiftOption,
  DataMode,
  LineStyle,
  OverlayId,
  OverlayOption,
  RhythmOptions,
  RhythmPeriod,
  SeriesId,
  WeeksBackOption,
} from './contract/panel.js';
export { RHYTHM_OPTION_KEYS, RHYTHM_PANEL_ID } from './contract/panel.js';
export {
  DEFAULT_AGE_BUCKETS,
  freshnessBucket,
  freshnessThresholdProblem,
  MAX_PIPELINE_STAGES,
  PIPELINE_FAMILY_CONTRACT,
  PIPELINE_HELP,
  PIPELINE_LABELS,
  PIPELINE_METRICS,
  PIPELINE_NAME,
  type PipelineNames,
  type PipelineOtelInstrument,
  pipelineNames,
  pipelineOtelInstruments,
} from './contract/pipeline.js';
export {
  isProbeOperation,
  PROBE_FAILURE_CODES,
  PROBE_OPERATION_PREFIX,
  type ProbeFailureCode,
  probeOperation,
} from './contract/probes.js';
export { ALERTS, INHIBITORS, PERIOD_SERIES, PROMETHEUS_SERIES, SLO_LABELS, SLO_SERIES } from './contract/series.js';
export { definesSeries } from './contract/seriesCatalogue.js';
export { VENDOR_BREAKDOWN } from './contract/vendors.js';
export { HartslagError } from './errors.js';
