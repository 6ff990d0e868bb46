export { type CareMetricsPluginOptions, careMetricsPlugin } from './adapters/fastify.js';
export {
  type CareMetricsMiddleware,
  type CareMetricsMiddlewareOptions,
  careMetricsHandler,
  careMetricsMiddleware,
} from './adapters/http.js';
export { outcomeOfHttpStatus } from './adapters/httpOutcome.js';
export type { RequestLabel } from './adapters/options.js';
export type { AggregateReader } from './aggregate/AggregateReader.js';
export type { FamilySamples, HistogramColumns } from './aggregate/FamilySamples.js';
export { FAMILY_KEYS, type FamilyKey, type FamilyNames, PIPELINE_FAMILY_KEYS } from './aggregate/familyKeys.js';
export { UNKNOWN_VENDOR } from './aggregate/VendorTable.js';
export type { CareMetricsOptions } from './config/options.js';
export { DEFAULT_DURATION_BUCKETS } from './contract/buckets.js';
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
export {
  DEFAULT_AGE_BUCKETS,
  PIPELINE_HELP,
  PIPELINE_LABELS,
  PIPELINE_METRICS,
  type PipelineNames,
  pipelineNames,
} from './contract/pipeline.js';
export { VENDOR_BREAKDOWN } from './contract/vendors.js';
export {
  ConfigError,
  type ConfigProblem,
  ERROR_CODES,
  type ErrorCode,
  ExportError,
  HartslagError,
  HistoryStoreError,
  PipelineNameError,
  RecordError,
  RegistryConflictError,
  RegistryMissingError,
} from './errors.js';
export type { PromRegistry } from './export/prometheus/PromRegistry.js';
export { detectPii, type PiiKind } from './guard/detectPii.js';
export { PiiGuard } from './guard/PiiGuard.js';
export { PiiLabelError } from './guard/PiiLabelError.js';
export type { CallRecord } from './record/CallRecord.js';
export type { CallEnd, CallTimer } from './record/CallTimer.js';
export { CareMetrics, createCareMetrics } from './record/CareMetrics.js';
export type { Duration, LabelValue, OperationHandle } from './record/OperationHandle.js';
export type { Pipeline } from './record/Pipeline.js';
export type { MessageTime, PipelineStage } from './record/PipelineStage.js';
export type {
  SloHistoryBucket,
  SloHistoryEntry,
  SloHistoryKey,
  SloHistoryResolution,
  SloHistoryStore,
  SloSavedState,
} from './slo/history/SloHistoryStore.js';
export {
  type SeedFromPrometheusOptions,
  seedSloHistoryFromPrometheus,
} from './slo/history/seedFromPrometheus.js';
export type { SloEvaluatorOptions } from './slo/options.js';
export { createSloEvaluator, SloEvaluator } from './slo/SloEvaluator.js';
export type { SloFreshness, SloGroupBy, SloMaxOutage, SloObjective, SloSilence } from './slo/SloObjective.js';
export type { SloAlert, SloStatus } from './slo/SloStatus.js';
