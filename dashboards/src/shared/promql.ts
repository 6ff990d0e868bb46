import {
  BUDGET_BURNING_OUTCOMES,
  LABELS,
  METRICS,
  OUTCOMES,
  type Outcome,
  PIPELINE_LABELS,
  PIPELINE_METRICS,
} from '@hartslag/metrics/contract';
import { GROUP_LABELS } from '@hartslag/slo';

/**
 * PromQL pieces every dashboard shares. Metric and label names come from the metric contract of
 * @hartslag/metrics (docs/metrics.md), so a renamed metric breaks the build here, not a panel in
 * production.
 */

/** Template variables, by name. Multi-value with "All" as `.*`, so selectors always use `=~`. */
export const VAR = {
  service: LABELS.service,
  operation: LABELS.operation,
  tenant: LABELS.tenant,
  vendor: LABELS.vendor,
  pipeline: PIPELINE_LABELS.pipeline,
  stage: PIPELINE_LABELS.stage,
  /** A group of a grouped SLO (`hartslag.dev/by`): a vendor or a tenant, whichever the SLO is split by. */
  group: 'group',
} as const;

export type VariableName = (typeof VAR)[keyof typeof VAR];

/** `outcome=~"server_error|timeout"`: the calls that spend the downtime budget. */
export const BURNING = `${LABELS.outcome}=~"${BUDGET_BURNING_OUTCOMES.join('|')}"`;

/** `outcome="denied"`: typed, so an outcome outside the contract does not compile. */
export function outcomeIs(outcome: Outcome): string {
  return `${LABELS.outcome}="${outcome}"`;
}

/** A colour per outcome for stacked call panels: the budget-burning ones red and orange. */
export const OUTCOME_COLORS: Record<Outcome, string> = {
  success: 'green',
  client_error: 'blue',
  denied: 'purple',
  server_error: 'red',
  timeout: 'orange',
};

/**
 * Grafana's rate window: at least four scrape intervals, so `rate()` never sees a window with a
 * single sample (https://grafana.com/blog/2020/09/28/new-in-grafana-7.2-__rate_interval-for-prometheus-rate-queries-that-just-work/).
 */
export const RATE = '$__rate_interval';

/**
 * A label matcher list from template variables and fixed matchers: `{service=~"$service",outcome="denied"}`.
 * `group` is no label: it narrows each group label (`vendor=~"$group|"`), and the empty
 * alternative keeps the series of ungrouped SLOs, which have none.
 */
export function sel(vars: readonly VariableName[], ...fixed: string[]): string {
  const matchers = vars.flatMap((v) =>
    v === VAR.group ? GROUP_LABELS.map((l) => `${l}=~"$${v}|"`) : [`${v}=~"$${v}"`],
  );
  return `{${[...matchers, ...fixed].join(',')}}`;
}

/** `sum by (…) (rate(metric{…}[window]))`; `by` empty sums everything into one series. */
export function sumRate(metric: string, selector: string, by: readonly string[] = [], window = RATE): string {
  const grouping = by.length > 0 ? ` by (${by.join(', ')})` : '';
  return `sum${grouping} (rate(${metric}${selector}[${window}]))`;
}

/**
 * Share of calls that spent the budget, per `by`. A group with calls but no failures reads 0
 * instead of vanishing (the `or … * 0`), so "no errors" and "no calls" look different on a panel.
 */
export function errorRatio(
  metric: string,
  vars: readonly VariableName[],
  by: readonly string[],
  window = RATE,
): string {
  const all = sumRate(metric, sel(vars), by, window);
  const bad = sumRate(metric, sel(vars, BURNING), by, window);
  return `(${bad} or ${all} * 0) / ${all}`;
}

export { LABELS, METRICS, OUTCOMES, PIPELINE_LABELS, PIPELINE_METRICS };
