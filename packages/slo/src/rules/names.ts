/**
 * Names of the generated series and alerts live in the metric contract, which the status API,
 * the dashboards and the in-process evaluator read too; the rules know them as SERIES.
 */
export { ALERTS, INHIBITORS, PERIOD_SERIES, SLO_SERIES as SERIES } from '@hartslag/metrics/contract';
