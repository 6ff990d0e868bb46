/**
 * Steady traffic from one call in ten minutes to 100 calls a second, with an hour-long total
 * outage, a single failed call, or a 90-second blip: the promtool groups that show the rules judge
 * by counted calls, not by minutes that happen to hold one. Each rate's file runs its groups in one
 * promtool run; the files run side by side.
 */
import { MIN_FAILED_CALLS } from '@hartslag/metrics/contract';
import { expect } from 'vitest';
import { at, promtoolTest, report, SELECTOR, SLO_LABELS, scenarioSlo, type TestGroup, t } from './harness.js';
import { BREACHED, labelled, RUNNING, rules, SLO_SELECTOR, STEP, valueAt } from './scenarioKit.js';
import { expandingNotation, type InputSeries, steadyCounters } from './series.js';

const slo = scenarioSlo();
const { warnAfter, limit } = slo.maxOutage!;

/** An hour of steady, healthy traffic before anything happens. */
export const START = t('1h');
const OUTAGE = t('1h');
const END = START + OUTAGE;

const PAGES_FIRING = `ALERTS{alertstate="firing",severity="page",${SLO_SELECTOR.slice(1, -1)}}`;

function input(counters: [number[], number[]]): InputSeries[] {
  const series = (outcome: string, code: string) =>
    `care_calls_total{service="${SELECTOR.service}",operation="${SELECTOR.operation}",outcome="${outcome}",code="${code}"}`;
  return [
    { series: series('success', '200'), values: expandingNotation(counters[0]) },
    { series: series('server_error', '503'), values: expandingNotation(counters[1]) },
  ];
}

/** Seconds between calls, for traffic of less than one call a step; 0 for busier traffic. */
function gapOf(perSecond: number): number {
  return perSecond * STEP >= 1 ? 0 : 1 / perSecond;
}

/**
 * When a total outage starting at START must page: by the coffee-break warning, or once k calls
 * in a row have failed, whichever is later; plus a minute for a scrape to see the call and an
 * evaluation to judge it.
 */
export function pageDeadline(perSecond: number): number {
  return START + Math.max(warnAfter, (MIN_FAILED_CALLS - 1) * gapOf(perSecond)) + 60;
}

/** When the outage, still running, must have broken the coffee-break limit. */
export function breachDeadline(perSecond: number): number {
  return START + Math.max(limit, (MIN_FAILED_CALLS - 1) * gapOf(perSecond)) + 60;
}

/**
 * When the rules find the outage: the first failed call comes a quarter step after START, each
 * call is seen at the next sample; the k-th failed call confirms it (busy traffic: the first step).
 */
function confirmedAt(perSecond: number): number {
  return START + STEP + (MIN_FAILED_CALLS - 1) * gapOf(perSecond);
}

/** When `alert` first fires: its stage of the outage's length (counted from START) once confirmed. */
export function firstFiring(perSecond: number, stage: number): number {
  return Math.max(START + stage, confirmedAt(perSecond));
}

/** An hour in which every call fails: pages by the deadline, the breach at the limit, all clear after. */
export function outageHour(name: string, perSecond: number): TestGroup {
  const length = END + t('10m');
  const gap = gapOf(perSecond);
  const exprs = [
    // A quiet hour before: nothing at all, not even pending.
    valueAt(START, 'absent_over_time(ALERTS[1h])', '{}', 1),
    valueAt(START, `slo:judgeable${SLO_SELECTOR}`, labelled('slo:judgeable'), 1),
    valueAt(pageDeadline(perSecond), `max(${PAGES_FIRING})`, '{}', 1),
    valueAt(breachDeadline(perSecond), `count(ALERTS{alertname="${BREACHED}",alertstate="firing"})`, '{}', 1),
    valueAt(END, `count(ALERTS{alertname=~"${RUNNING}|${BREACHED}",alertstate="firing"})`, '{}', 2),
    // Measured to the evaluation: each coffee-break alert first fires at its stage or at the k-th failed call.
    ...[
      [RUNNING, warnAfter],
      [BREACHED, limit],
    ].flatMap(([alert, stage]) => {
      const first = firstFiring(perSecond, stage as number);
      const firingExpr = `count(ALERTS{alertname="${alert}",alertstate="firing"})`;
      return [{ expr: firingExpr, eval_time: at(first - STEP), exp_samples: [] }, valueAt(first, firingExpr, '{}', 1)];
    }),
    // The first call after the outage succeeds: no page a minute later.
    valueAt(END + 60, `absent(${PAGES_FIRING})`, absentLabels(), 1),
  ];
  if (gap >= 60) {
    // Two failed calls are not yet an outage: no page until the k-th.
    exprs.push(valueAt(START + (MIN_FAILED_CALLS - 1) * gap, `absent(${PAGES_FIRING})`, absentLabels(), 1));
  }
  return {
    name: `${name}: an hour-long total outage`,
    interval: at(STEP),
    input_series: input(steadyCounters(perSecond, length, STEP, (s) => s >= START && s < END)),
    alert_rule_test: [],
    promql_expr_test: exprs,
  };
}

/** One failed call among successes: no alert at all for an hour. */
export function singleFailure(name: string, perSecond: number): TestGroup {
  const length = START + t('1h');
  const [ok, failed] = steadyCounters(perSecond, length, STEP, () => false);
  // One call of the step after START fails instead of succeeding.
  for (let i = START / STEP + 1; i < ok.length; i++) {
    ok[i]! -= 1;
    failed[i]! += 1;
  }
  return {
    name: `${name}: a single failed call`,
    interval: at(STEP),
    input_series: input([ok, failed]),
    alert_rule_test: [],
    promql_expr_test: [
      valueAt(length, `slo:failed_calls:increase1h${SLO_SELECTOR}`, labelled('slo:failed_calls:increase1h'), 1),
      valueAt(length, 'absent_over_time(ALERTS[2h])', '{}', 1),
    ],
  };
}

/** A 90-second total outage of busy traffic: pending at most, no page. */
export function blip(name: string, perSecond: number): TestGroup {
  const length = START + t('20m');
  return {
    name: `${name}: a 90-second blip`,
    interval: at(STEP),
    input_series: input(steadyCounters(perSecond, length, STEP, (s) => s >= START && s < START + 90)),
    alert_rule_test: [],
    promql_expr_test: [valueAt(length, `absent_over_time(${PAGES_FIRING}[20m])`, absentLabels(), 1)],
  };
}

/** The labels `absent(ALERTS{…})` gives: the equality matchers of PAGES_FIRING. */
function absentLabels(): string {
  return `{alertstate="firing",severity="page",slo=${JSON.stringify(SLO_LABELS.slo)}}`;
}

export function passes(name: string, groups: TestGroup[]): void {
  const run = promtoolTest(name, rules, groups);
  expect(run.ok, report(run)).toBe(true);
  expect(run.output).toContain('SUCCESS');
}
