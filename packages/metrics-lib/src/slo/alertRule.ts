import { type AlertWindow, PAGE_FOR, silenceFor } from '../contract/alerting.js';
import { formatDuration } from '../contract/duration.js';
import { ALERTS } from '../contract/series.js';
import { AlertTimer } from './AlertTimer.js';
import type { SloObjective } from './SloObjective.js';
import type { SloAlert } from './SloStatus.js';

/**
 * The pieces of the generated rules the evaluator mirrors, each written as the rules write it
 * (rules/now.ts, rules/promql.ts, rules/alerts.ts), so the two agree to the digit.
 */

/** How far back the rules look for the outage's start; a longer outage reads as this long (rules/now.ts). */
export function outageCap(limit: number): number {
  return Math.max(3600, 3 * limit);
}

/** Numbers as the generated PromQL prints them, 12 significant digits (rules/promql.ts `num`). */
export function num(x: number): number {
  return Number(x.toPrecision(12));
}

/** `a > b` with PromQL's "no value" on the left: never true. */
export function above(a: number | undefined, b: number): boolean {
  return a !== undefined && a > b;
}

/** One alerting rule: what it puts on its alerts, and its `for` timer. */
export interface Rule {
  alert: Omit<SloAlert, 'activeSince' | 'state'>;
  timer: AlertTimer;
}

export function rule(alertname: SloAlert['alertname'], labels: Record<string, string>, holdSeconds: number): Rule {
  const severity = labels.severity as SloAlert['severity'];
  return { alert: { alertname, severity, labels }, timer: new AlertTimer(holdSeconds) };
}

/** An SLO's alerting rules, with the labels the generated rules put on each alert (rules/alerts.ts). */
export function sloRules(o: SloObjective, service: string, tiers: readonly AlertWindow[]) {
  const labels = {
    slo: o.name,
    service,
    ...(o.operation === undefined ? {} : { operation: o.operation }),
    ...o.labels,
  };
  const page = { ...labels, severity: 'page' };
  return {
    burn: tiers.map((w) =>
      rule(
        ALERTS.budgetBurn,
        { ...labels, severity: w.severity, tier: w.name, long_window: formatDuration(w.long) },
        w.severity === 'page' ? PAGE_FOR : 0,
      ),
    ),
    outageRunning: rule(ALERTS.outageRunning, { ...page, coffee_break: 'warning' }, 0),
    outageBreached: rule(ALERTS.outageLimit, { ...page, coffee_break: 'breached' }, 0),
    silence: rule(ALERTS.silence, page, o.silence === undefined ? 0 : silenceFor(o.silence.detectWithin)),
  };
}
