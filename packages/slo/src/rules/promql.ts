import { BUDGET_BURNING_OUTCOMES, METRICS } from '@hartslag/metrics/contract';
import { formatDuration } from '../model/duration.js';
import type { Indicator, Slo } from '../model/Slo.js';

/** A number as PromQL shows it best: 14.4 * 0.001 prints as 0.0144, not 0.014400000000000001. */
export function num(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/** PromQL string literal (double-quoted, escaped). */
export function str(value: string): string {
  return JSON.stringify(value);
}

export function selector(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${str(v)}`)
    .join(',');
}

/** The identifying labels of an SLO's generated series: `slo`, `service`, and `operation` when set. */
export function sloLabels(slo: Slo): Record<string, string> {
  return { slo: slo.name, service: slo.service, ...(slo.operation ? { operation: slo.operation } : {}) };
}

/** `{slo="…"}`: selects one SLO's recorded series. */
export function sloSelector(slo: Slo): string {
  return `{slo=${str(slo.name)}}`;
}

const BAD = BUDGET_BURNING_OUTCOMES.join('|');

/** Budget-spending calls per second over `window`, as one label-less series (absent without data). */
export function badRate(indicator: Indicator, window: number): string {
  const w = `${formatDuration(window)}]`;
  if (indicator.kind === 'care') {
    return `sum(rate(${METRICS.calls}{${selector(indicator.selector)},outcome=~${str(BAD)}}[${w}))`;
  }
  if (indicator.bad !== undefined) return single(fill(indicator.bad, w));
  // No good series yet (a fresh deploy failing every call) is zero good calls: all calls failed.
  return `(${totalRate(indicator, window)} - (${single(fill(indicator.good!, w))} or vector(0)))`;
}

/**
 * All calls per second over `window`, as one label-less series (absent without data); with
 * `offset`, as they were that many seconds ago.
 */
export function totalRate(indicator: Indicator, window: number, offset?: number): string {
  const w = formatDuration(window) + (offset ? `] offset ${formatDuration(offset)}` : ']');
  if (indicator.kind === 'care') return `sum(rate(${METRICS.calls}{${selector(indicator.selector)}}[${w}))`;
  return single(fill(indicator.total, w));
}

/**
 * Share of calls that spent the budget. No bad series yet counts as zero errors; no traffic at
 * all gives no value (neither zero nor NaN), so an idle night neither burns nor earns budget.
 */
export function errorRatio(indicator: Indicator, window: number): string {
  return `(${badRate(indicator, window)} or vector(0)) / (${totalRate(indicator, window)} > 0)`;
}

/**
 * Calls counted in `window`; an absent series counts as none. Spec queries are rates, so their
 * count is rate × window (what `increase` computes).
 */
export function callCount(indicator: Indicator, window: number): string {
  if (indicator.kind === 'care') {
    return `sum(increase(${METRICS.calls}{${selector(indicator.selector)}}[${formatDuration(window)}])) or vector(0)`;
  }
  return `(${totalRate(indicator, window)} or vector(0)) * ${window}`;
}

/** Budget-spending calls counted in `window`; an absent series counts as none. */
export function failedCount(indicator: Indicator, window: number): string {
  if (indicator.kind === 'care') {
    return `sum(increase(${METRICS.calls}{${selector(indicator.selector)},outcome=~${str(BAD)}}[${formatDuration(window)}])) or vector(0)`;
  }
  return `(${badRate(indicator, window)} or vector(0)) * ${window}`;
}

/**
 * `>= n` for a count of calls read from counters: `increase` extrapolates to the window's edges,
 * so n calls may read as a little more or less than n. Half a call either way is still n.
 */
export function atLeast(n: number, bool = false): string {
  return `>= ${bool ? 'bool ' : ''}${num(n - 0.5)}`;
}

/**
 * A spec query as one label-less series: `sum(…)` around it unless it already starts with a
 * plain `sum(` (whose result carries no labels), so rules stay readable.
 */
function single(query: string): string {
  const q = query.trim();
  return /^sum\s*\(/.test(q) ? q : `sum(${q})`;
}

/** Puts a range into a spec query: `[{{window}}]` becomes `[5m]` (or `[10m] offset 1w`). */
function fill(query: string, rangeTail: string): string {
  return query.replace(/\[\s*\{\{window\}\}\s*\]/g, `[${rangeTail}`);
}
