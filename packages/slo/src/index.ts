export type {
  AlertmanagerConfig,
  GroupTiming,
  InhibitRule,
  Receiver,
  Route,
} from './alertmanager/AlertmanagerConfig.js';
export {
  type AlertmanagerOptions,
  alertmanagerConfig,
  DEFAULT_RECEIVERS,
  defaultTiming,
  renderAlertmanagerConfig,
} from './alertmanager/generate.js';
export { type ReceiversSection, readReceivers } from './alertmanager/readReceivers.js';
export { type Io, run, USAGE } from './cli/run.js';
export {
  CliUsageError,
  ERROR_CODES,
  type ErrorCode,
  FileReadError,
  formatProblem,
  formatWarning,
  HartslagSloError,
  ReceiversError,
  RelabelError,
  ReportError,
  ScrapeIntervalError,
  type ScrapeIntervalProblem,
  SPEC_PROBLEM_CODES,
  SPEC_WARNING_CODES,
  SpecError,
  type SpecProblem,
  type SpecProblemCode,
  type SpecWarning,
  type SpecWarningCode,
} from './errors.js';
export { formatDuration, parseDuration } from './model/duration.js';
export {
  DEFAULT_GROUP_TOP,
  GROUP_LABELS,
  type Grouping,
  type GroupLabel,
  groupFamily,
  MAX_GROUP_TOP,
} from './model/groups.js';
export { type EvaluatorObjective, evaluatorObjectives } from './model/objectives.js';
export type {
  Breakdown,
  CalendarPeriod,
  Indicator,
  MaxOutage,
  Silence,
  Slo,
  SloSpec,
  SourceRef,
  Timeslices,
} from './model/Slo.js';
export { type MinuteHistory, monthlyReportFromHistory } from './report/historyReport.js';
export { type MonthRange, monthRange } from './report/month.js';
export { type MonthlyReport, monthlyReport, type ReportSlice, type SloMonth } from './report/monthlyReport.js';
export { PrometheusClient, type RangeSeries } from './report/PrometheusClient.js';
export { REPORT_FORMATS, type ReportFormat, renderReport } from './report/render.js';
export { weekRange } from './report/week.js';
export { type GenerateOptions, generateRules, renderRules } from './rules/generate.js';
export { ALERTS, INHIBITORS, SERIES } from './rules/names.js';
export type { AlertingRule, RecordingRule, Rule, RuleFile, RuleGroup } from './rules/RuleFile.js';
export { type MetricRelabelConfig, serviceRelabelling } from './rules/relabel.js';
export { DEFAULT_SCRAPE_INTERVAL, MIN_SCRAPES_PER_WINDOW } from './rules/scrapeInterval.js';
export { parseSpec } from './spec/parseSpec.js';
export { suggest } from './spec/suggest.js';
