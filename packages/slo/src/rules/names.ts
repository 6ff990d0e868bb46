import { formatDuration } from '../model/duration.js';

/**
 * Names of the generated series and alerts: `level:metric:operations`, as the Prometheus rule
 * naming practice asks (https://prometheus.io/docs/practices/rules/), and the same `slo:` series
 * names Sloth writes, so existing SLO dashboards read them.
 */
export const SERIES = {
  errorRatio: (window: number) => `slo:sli_error:ratio_rate${formatDuration(window)}`,
  calls: (window: number) => `slo:calls:increase${formatDuration(window)}`,
  failedCalls: (window: number) => `slo:failed_calls:increase${formatDuration(window)}`,
  recentErrorRatio: 'slo:recent_error:ratio',
  judgeable: 'slo:judgeable',
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  periodDays: 'slo:time_period:days',
  currentBurnRate: 'slo:current_burn_rate:ratio',
  periodBurnRate: 'slo:period_burn_rate:ratio',
  budgetRemaining: 'slo:period_error_budget_remaining:ratio',
  outageFailing: 'slo:outage:failing',
  outageActive: 'slo:outage:active',
  outageSeconds: 'slo:current_outage:seconds',
  outageLimit: 'slo:max_outage:seconds',
  trafficRate: 'slo:traffic:rate1m',
  trafficBaseline: 'slo:traffic_baseline:rate10m',
  vendorErrorRatio: (window: number) => `slo:vendor_error:ratio_rate${formatDuration(window)}`,
  tenantErrorRatio: (window: number) => `slo:tenant_error:ratio_rate${formatDuration(window)}`,
} as const;

export const ALERTS = {
  budgetBurn: 'HartslagErrorBudgetBurn',
  outageRunning: 'HartslagOutageRunning',
  outageLimit: 'HartslagOutageLimitBreached',
  silence: 'HartslagTrafficSilent',
} as const;

/** Alerts that notify no one: Alertmanager's inhibit rules read them (rules/inhibit.ts, alertmanager/). */
export const INHIBITORS = {
  /** A page of the SLO fired lately: its tickets belong to that incident. */
  pagedRecently: 'HartslagPagedRecently',
} as const;
