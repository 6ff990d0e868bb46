import type { AlertWindow } from '../contract/alerting.js';
import type { SloGroupLabel } from '../contract/groups.js';
/**
 * One SLO as the in-process evaluator takes it: the same objective, window, coffee-break and
 * silence settings a `slos.yaml` entry gives @hartslag/slo (docs/spec.md there), as plain data
 * in seconds. Checked once, at start-up (slo/validate.ts).
 */
export interface SloObjective {
  /** Unique id, the `slo` label of alerts and gauges: a DNS label, e.g. "fetch-medication-history". */
  name: string;
  /** One `operation` label value; absent: all operations of the service. Not with `freshness`. */
  operation?: string;
  /** Judge a pipeline stage's messages by end-to-end age instead of calls (a freshness SLO). */
  freshness?: SloFreshness;
  /** Target share of calls that must not fail, 0 < objective < 1 (0.999). */
  objective: number;
  /** Rolling window in seconds, whole days from 1d to 90d (30d = 2592000). */
  window: number;
  maxOutage?: SloMaxOutage;
  silence?: SloSilence;
  /** Extra labels on every alert (the spec's `alerting.labels`, e.g. a team for routing). */
  labels?: Record<string, string>;
  /** Burn-rate alert tiers (the spec's `hartslag.dev/alert-tiers`); absent: ALERT_WINDOWS. */
  alertWindows?: readonly AlertWindow[];
  /** Calls a window must hold before its alerts may fire (`hartslag.dev/min-traffic`); absent: MIN_FAILED_CALLS. */
  minCalls?: number;
  /**
   * A grouped SLO (the spec's `hartslag.dev/by` and `by-top`): judged per group of the call family
   * carrying `label`, the top `top` groups by calls over the last day on their own, the rest
   * together as `__other__`. Such an SLO covers the whole service (no `operation`).
   */
  groupBy?: SloGroupBy;
}

/** How a grouped SLO is split: by `vendor` or `tenant`, `top` groups (1–100) with statuses of their own. */
export interface SloGroupBy {
  label: SloGroupLabel;
  top: number;
}

/**
 * "99% of messages delivered within 60 s": good = the messages `stage` handled within `within`
 * seconds of their own timestamp, total = all it handled (care_pipeline_message_age_seconds).
 */
export interface SloFreshness {
  pipeline: string;
  stage: string;
  /** Seconds: a bucket bound of the age histogram (DEFAULT_AGE_BUCKETS), e.g. 60. */
  within: number;
}

/** The coffee-break objective: no outage longer than `limit`. */
export interface SloMaxOutage {
  /** Longest tolerated outage, seconds (1m–1d; the coffee break: 600). */
  limit: number;
  /** When the "outage running" alert fires, seconds (below `limit`; the spec's default is half of it). */
  warnAfter: number;
  /** A minute in which at least this share of calls failed is an outage minute (1 = no call succeeded). */
  errorRatio: number;
}

/** Calls falling silent compared with the same time of week in earlier weeks. */
export interface SloSilence {
  /** Seconds within which a stall must be alerted (2m–1h). */
  detectWithin: number;
  /** How many earlier weeks form the baseline (1–8): the median of their same ten minutes. */
  baselineWeeks: number;
  /** Calls per second the baseline must exceed before silence can alert (quiet nights never do). */
  minExpectedRate: number;
  /** Alert when the current rate is below this share of the baseline (0 < ratio < 1). */
  ratio: number;
}
