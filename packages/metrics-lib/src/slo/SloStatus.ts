import type { ALERTS } from '../contract/series.js';
import type { SloFreshness } from './SloObjective.js';

/**
 * What the evaluator decided at its latest tick, per SLO: plain data the status service can
 * serialise as JSON. Undefined figures mean no calls in their window (the rules give no value).
 */
export interface SloStatus {
  name: string;
  service: string;
  operation?: string;
  /** Present for a freshness SLO: the stage and threshold its ratios count messages by. */
  freshness?: SloFreshness;
  /** The group of a grouped SLO this status is for: its label (`vendor`) and value (or `__other__`). */
  group?: { label: string; value: string };
  objective: number;
  /** Seconds. */
  window: number;
  /** When this was evaluated (ms since the epoch); undefined before the first tick. */
  evaluatedAt: number | undefined;
  /** Share of calls that spent the budget, by window as Prometheus spells it: '1m', '5m' … '30d'. */
  errorRatios: Record<string, number | undefined>;
  /** Error ratio over the budget: over the last 5 minutes, and over the whole window. */
  burnRates: { current: number | undefined; period: number | undefined };
  /** 1 − period burn rate: 1 untouched, 0 spent, below 0 overspent. */
  budgetRemaining: number | undefined;
  /** Present when the SLO has a maxOutage. */
  outage?: { active: boolean; seconds: number; limit: number };
  /** Present when the SLO has a silence check. Rates in calls per second. */
  silence?: { rate: number; baseline: number | undefined; silent: boolean };
  /**
   * Calls per second over the last 5 minutes, after the first tick: the volume the status page
   * charts against a usual day.
   */
  callRate?: number;
  /**
   * Whether the longest judging window (6 h) holds enough calls (MIN_FAILED_CALLS) to judge by,
   * after the first tick: when not, the status page says "too few calls to judge" instead of
   * "operational" (`slo:judgeable` in the rules).
   */
  judgement?: { judgeable: boolean; calls: number; window: number };
  /**
   * How much of the SLO window the history holds, after the first tick: `collecting` while under
   * a quarter of it (TICKET_MIN_COVERAGE, as the ticket alerts wait), when the budget and period
   * burn rate are figures over minutes or days of data, not over the window, and a page should say
   * "collecting data (x% of 30 days)" instead.
   */
  coverage?: { seconds: number; ratio: number; window: number; collecting: boolean };
  /** Pending and firing alerts. */
  alerts: SloAlert[];
}

export interface SloAlert {
  alertname: (typeof ALERTS)[keyof typeof ALERTS];
  severity: 'page' | 'ticket';
  /** The labels the generated rule puts on this alert (without alertname). */
  labels: Record<string, string>;
  /** When its condition was first found true, ms since the epoch. */
  activeSince: number;
  state: 'pending' | 'firing';
}
