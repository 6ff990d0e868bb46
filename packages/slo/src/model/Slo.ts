import type { AlertWindow } from '@hartslag/metrics/contract';
import type { SpecWarning } from '../errors.js';
import type { Freshness } from './Freshness.js';

export type { Freshness } from './Freshness.js';

import type { Grouping } from './groups.js';

/** Where a value came from in the spec file, for error messages (`slos.yaml:14`). */
export interface SourceRef {
  file: string;
  line: number;
}

/**
 * The SLI as PromQL. `{{window}}` in a query is replaced by each rate window (5m, 1h …). `bad`
 * counts calls that spend the budget; when a spec gives `good` instead, bad = total − good.
 */
export type Indicator =
  | {
      kind: 'care';
      /** Selector labels on the care_* metrics, e.g. { service: 'x', operation: 'y' }. */
      selector: Record<string, string>;
    }
  | {
      kind: 'ratio';
      bad?: string;
      good?: string;
      total: string;
      /** Set when the queries are a pipeline stage's messages by end-to-end age (a freshness SLO). */
      freshness?: Freshness;
    };

/** The coffee-break objective: no outage longer than `limit`. */
export interface MaxOutage {
  /** Longest tolerated outage, seconds (the coffee break: 600). */
  limit: number;
  /** When to warn that an outage is running towards the limit, seconds (default: half the limit). */
  warnAfter: number;
  /** An outage is a minute in which at least this share of calls failed (1 = no successful call). */
  errorRatio: number;
}

/** Traffic that falls silent compared with the same time of week in earlier weeks. */
export interface Silence {
  /** Seconds within which a stall must be alerted. */
  detectWithin: number;
  /** How many earlier weeks form the baseline (their median at the same time of week). */
  baselineWeeks: number;
  /** Calls per second the baseline must exceed before silence can be alerted (quiet nights never are). */
  minExpectedRate: number;
  /** Alert when the current rate is below this share of the baseline. */
  ratio: number;
}

export type Breakdown = 'tenant' | 'vendor';

/**
 * A calendar-aligned SLO period (OpenSLO `isRolling: false` with a `calendar`): the budget counts
 * from the start of the current period, in the calendar's time zone, and starts afresh at the next.
 */
export interface CalendarPeriod {
  /** Days and weeks count from `start` in steps of `count`; months, quarters from `start`'s day and time. */
  unit: 'day' | 'week' | 'month' | 'quarter';
  count: number;
  /** IANA time zone, e.g. Europe/Amsterdam. */
  timeZone: string;
  /** Wall-clock start in `timeZone`: [year, month (1–12), day, hour, minute, second]. */
  start: readonly [number, number, number, number, number, number];
}

/** OpenSLO `budgetingMethod: Timeslices`: the objective is a share of good time slices, not of calls. */
export interface Timeslices {
  /** Slice length, seconds (OpenSLO timeSliceWindow). */
  window: number;
  /** A slice is good when at least this share of its calls is good (OpenSLO timeSliceTarget)… */
  target: number;
  /** …or more than this share, with `op: gt`. */
  strict: boolean;
}

/** An OpenSLO burn-rate alert condition that fits one of Hartslag's alert tiers. */
export interface AlertPolicyMapping {
  /** The AlertPolicy's name; its alert carries it as the `alert_policy` label. */
  policy: string;
  /** The AlertCondition's name: the `alert_condition` label. */
  condition: string;
  /** The tier's long window, seconds (3600 for the 1h page). */
  longWindow: number;
  /** The condition's severity, as the `openslo_severity` label (Hartslag's own `severity` stays). */
  severity?: string;
}

export interface Slo {
  /** Unique id, the `slo` label of every generated series. */
  name: string;
  displayName?: string;
  description?: string;
  service: string;
  operation?: string;
  indicator: Indicator;
  /** Target share of good calls, 0 < objective < 1 (0.999). */
  objective: number;
  /**
   * Rolling window in seconds (30d = 2592000); for a calendar period, its nominal length (a month
   * is 30 days), which scales the burn-rate alerts.
   */
  window: number;
  /** Set when the budget runs per calendar period instead of over a rolling window. */
  calendar?: CalendarPeriod;
  /** Set for Timeslices budgeting. */
  timeslices?: Timeslices;
  maxOutage?: MaxOutage;
  silence?: Silence;
  breakdown: Breakdown[];
  /** Extra labels on every alert (team, runbook routing): OpenSLO metadata.labels. */
  labels: Record<string, string>;
  /** Extra annotations on every alert: OpenSLO metadata.annotations outside hartslag.dev/. */
  annotations?: Record<string, string>;
  /** OpenSLO alert conditions mapped onto burn-rate tiers. */
  alertPolicies?: AlertPolicyMapping[];
  /**
   * Burn-rate alert tiers (`hartslag.dev/alert-tiers`); absent: the SRE workbook's (ALERT_WINDOWS).
   * A tier given with a burn factor carries the budget share that factor spends in its long window.
   */
  tiers?: readonly AlertWindow[];
  /**
   * Calls a window must hold before its alerts may fire (`hartslag.dev/min-traffic`); absent: the
   * MIN_FAILED_CALLS every alert needs anyway.
   */
  minCalls?: number;
  /** Seconds between scrapes of the SLI's series (`hartslag.dev/scrape-interval`); absent: the generator's. */
  scrapeInterval?: number;
  /** Set for a grouped SLO (`hartslag.dev/by`): one SLO per vendor or tenant, the top N and `__other__`. */
  groupBy?: Grouping;
  source: SourceRef;
}

export interface SloSpec {
  file: string;
  slos: Slo[];
  /** What the reader read past (ignored OpenSLO fields, old Hartslag forms), in file order. */
  warnings?: SpecWarning[];
}
