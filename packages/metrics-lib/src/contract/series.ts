import { formatDuration } from './duration.js';

/**
 * Names of the series the generated SLO rules record (@hartslag/slo): `level:metric:operations`,
 * as the Prometheus rule naming practice asks (https://prometheus.io/docs/practices/rules/), and
 * the same `slo:` names Sloth writes, so existing SLO dashboards read them. The status API, the
 * dashboards and the in-process evaluator's comments refer to these.
 */
export const SLO_SERIES = {
  errorRatio: (window: number) => `slo:sli_error:ratio_rate${formatDuration(window)}`,
  calls: (window: number) => `slo:calls:increase${formatDuration(window)}`,
  failedCalls: (window: number) => `slo:failed_calls:increase${formatDuration(window)}`,
  recentErrorRatio: 'slo:recent_error:ratio',
  judgeable: 'slo:judgeable',
  /** 1 while the SLI has samples (no series: no data, e.g. before the first scrape or while it fails). */
  observed: 'slo:sli_observed:bool',
  /**
   * Calls and failed calls since the previous step of the SLO period (PERIOD_STEP): one step, or
   * the whole gap after missed evaluations. Their sums over the period are its counts.
   */
  stepCalls: 'slo:calls:increase_step',
  stepFailedCalls: 'slo:failed_calls:increase_step',
  /**
   * 1 at each step of the SLO period at which the SLI had samples: a window's coverage counts
   * these (8,640 a month) instead of re-reading every `observed` sample of the window.
   */
  stepObserved: 'slo:sli_observed:step',
  /** Share of a window's 5-minute steps at which the SLI had samples: how much of the window holds data. */
  coverage: (window: number) => `slo:data_coverage:ratio${formatDuration(window)}`,
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
  /**
   * 1 for each group (vendor, tenant) of a grouped SLO that has a series of its own: the top N by
   * calls over the last day. The others are counted together under the group `__other__`. Carries
   * the group's value twice: under its own label and under `slo_group` (SLO_LABELS.group).
   */
  groupTop: 'slo:group_top:bool',
} as const;

/** Series of calendar-period and Timeslices budgets (@hartslag/slo rules/calendar.ts). */
export const PERIOD_SERIES = {
  /** Wall-clock time in the calendar's time zone, as seconds since 1970-01-01 00:00 of that clock. */
  localTime: 'slo:calendar_local_time:seconds',
  /** Budget-spending and all calls in each 5 minutes, labelled with the calendar period they fall in. */
  badEvents: 'slo:sli_bad_events:increase5m',
  events: 'slo:sli_events:increase5m',
  /** Since the start of the current calendar period. */
  periodBadEvents: 'slo:period_bad_events:total',
  periodEvents: 'slo:period_events:total',
  /** Share of calls that failed in the SLO period (calendar), or share of bad time slices (Timeslices). */
  periodErrorRatio: 'slo:period_error:ratio',
  /** 1 for a good time slice, 0 for a bad one; no sample for a slice without calls. */
  timesliceGood: 'slo:timeslice_good:bool',
} as const;

/** The alerts the generated rules fire (and the in-process evaluator reports by the same names). */
export const ALERTS = {
  budgetBurn: 'HartslagErrorBudgetBurn',
  outageRunning: 'HartslagOutageRunning',
  outageLimit: 'HartslagOutageLimitBreached',
  silence: 'HartslagTrafficSilent',
} as const;

/** Alerts that notify no one: Alertmanager's inhibit rules read them. */
export const INHIBITORS = {
  /** A page of the SLO fired lately: its tickets belong to that incident. */
  pagedRecently: 'HartslagPagedRecently',
} as const;

/**
 * Series Prometheus itself (or the Pushgateway) writes, which our rules, sources and dashboards
 * read: `ALERTS` (https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/) and
 * the Pushgateway's per-group push time (https://github.com/prometheus/pushgateway#about-timestamps).
 */
export const PROMETHEUS_SERIES = {
  alerts: 'ALERTS',
  pushTime: 'push_time_seconds',
} as const;

/** Label names of the `slo:` series, the alerts and the evaluator's gauges (besides LABELS). */
export const SLO_LABELS = {
  slo: 'slo',
  window: 'window',
  alertname: 'alertname',
  alertstate: 'alertstate',
  severity: 'severity',
  /**
   * On `slo:group_top:bool`: the group's value whatever its label (vendor, tenant), so one
   * dashboard variable lists the groups of every grouped SLO.
   */
  group: 'slo_group',
} as const;
