import {
  BUDGET_BURNING_OUTCOMES,
  METRICS,
  PERIOD_CATCH_UP,
  PERIOD_LOOKBACK,
  PERIOD_STEP,
  SLO_SERIES,
} from '@hartslag/metrics/contract';
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
 * Calls (or failed calls) counted since the SLO period's previous step, recorded once a step
 * (`witness`: the recorded calls step). On the care metrics, each counter's difference between its
 * latest sample now and at the previous step (counterSinceLastStep): the steps then add up to
 * exactly what the counters counted, scrape gaps included. A spec's own queries are rates: their
 * count is rate × window, as for the alert windows.
 */
export function stepCount(indicator: Indicator, witness: string, failed: boolean): string {
  if (indicator.kind !== 'care') {
    const count = (w: number) => (failed ? failedCount(indicator, w) : callCount(indicator, w));
    return onceAStep(
      stepTerms(witness)
        .map(({ window, gate }) => `((${count(window)}) ${gate})`)
        .join(' or '),
      witness,
      failed,
    );
  }
  const sel = `${selector(indicator.selector)}${failed ? `,outcome=~${str(BAD)}` : ''}`;
  return onceAStep(`sum(${counterSinceLastStep(`${METRICS.calls}{${sel}}`, witness)}) or vector(0)`, witness, failed);
}

/**
 * Per series, what a counter counted since the SLO period's previous step: its latest sample now
 * less its latest sample at that step. "Now" is looked for back to the catch-up (a series that
 * ended after the previous step still has its last calls counted once); "at that step" up to
 * PERIOD_LOOKBACK further back, so calls across a scrape gap that long are counted in full. A
 * counter that went down was reset: it counted its value since. A series with no sample at that
 * step (new, or new to this Prometheus) counts from its first sample, as `increase` does: not its
 * whole past, which a fresh Prometheus never saw counted. The previous step's sample is one
 * read, picked by the step's gate, so the month's cost is a few short reads of raw samples a step.
 * Set operators match without the metric name, so each series is counted by one term only.
 */
export function counterSinceLastStep(series: string, witness: string): string {
  const lookback = formatDuration(PERIOD_LOOKBACK);
  const catchUp = formatDuration(PERIOD_CATCH_UP);
  const now = `last_over_time(${series}[${catchUp}])`;
  const before = `(${stepTerms(witness)
    .map(({ window, gate }) => `(last_over_time(${series}[${lookback}] offset ${formatDuration(window)}) ${gate})`)
    .join(' or ')})`;
  const since = `min_over_time(${series}[${catchUp}])`;
  return `(${now} - ${before}) >= 0 or ${now} < ${before} or (${now} - ${since})`;
}

/**
 * How far back the SLO period's previous step lies, as exclusive cases: `window` (one step, or
 * the whole gap when evaluations were missed, Prometheus down) and the `gate` (`and on() …` /
 * `unless on() …`) under which it is the one. Prometheus runs a group at a fixed phase, restart or
 * not, so the latest step lies exactly k steps back for some k, or further than the catch-up: then
 * the first step after a long gap (or ever) counts as far back as it may.
 */
function stepTerms(witness: string): { window: number; gate: string }[] {
  const steps = PERIOD_CATCH_UP / PERIOD_STEP;
  // A minute back from a step's instant: the step recorded then, and no other.
  const seen = (range: number, stepsBack: number) =>
    `count(last_over_time(${witness}[${formatDuration(range)}]${stepsBack > 0 ? ` offset ${formatDuration(stepsBack * PERIOD_STEP)}` : ''}))`;
  const terms: { window: number; gate: string }[] = [];
  for (let k = 1; k <= steps; k++) {
    const latest = k === 1 ? seen(60, 1) : `(${seen(60, k)} unless on() ${seen((k - 2) * PERIOD_STEP + 60, 1)})`;
    terms.push({ window: k * PERIOD_STEP, gate: `and on() ${latest}` });
  }
  terms.push({ window: PERIOD_CATCH_UP, gate: `unless on() ${seen((steps - 1) * PERIOD_STEP + 60, 1)}` });
  return terms;
}

/**
 * `counted` recorded once a step: the calls step only when the last one is a step old, so a group
 * run more often (promtool runs every group at each of its own steps) still records one sample a
 * step; the failed calls step only when the calls step was recorded at this instant.
 */
export function onceAStep(counted: string, witness: string, failed: boolean): string {
  return failed
    ? atStep(counted, witness)
    : `(${counted}) unless on() count(last_over_time(${witness}[${formatDuration(PERIOD_STEP - 1)}]))`;
}

/** `expr` only where the calls step `witness` was recorded at this very instant: once a step, however often the group runs. */
export function atStep(expr: string, witness: string): string {
  return `(${expr}) and on() count(last_over_time(${witness}[1s]))`;
}

/**
 * Share of `window` that holds data: its steps at which the SLI had samples (`stepObserved`, selector
 * included), each standing for the step before it. At most 1.
 */
export function coverageOf(stepObserved: string, window: number): string {
  return `clamp_max(count_over_time(${stepObserved}[${formatDuration(window - 1)}]) * ${PERIOD_STEP} / ${window}, 1)`;
}

/**
 * The SLO period's count from its recorded steps (`step`, selector included). The range stops a
 * second short of the period: the step recorded exactly one period ago counts calls before it.
 */
export function periodSum(step: string, window: number): string {
  return `sum_over_time(${step}[${formatDuration(window - 1)}])`;
}

/**
 * The SLO period's error ratio from the recorded steps of `sel`; no calls in the period: no value,
 * never NaN. Until a step has counted a call (a new service or a new install: the first step may
 * come before the first scrape, the next five minutes later), the ratio of the catch-up window,
 * which holds every call the first counting step will count: the budget shows from the second
 * scrape, as a rate over the period would.
 */
export function periodErrorRatio(indicator: Indicator, sel: string, window: number): string {
  const steps = `${periodSum(`${SLO_SERIES.stepFailedCalls}${sel}`, window)} / (${periodSum(`${SLO_SERIES.stepCalls}${sel}`, window)} > 0)`;
  return `${steps} or on() ${errorRatio(indicator, PERIOD_CATCH_UP)}`;
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
