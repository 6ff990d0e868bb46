/**
 * The in-process evaluator of @hartslag/metrics and the generated Prometheus rules must judge the
 * same traffic alike. Each scenario feeds identical calls to both — to the evaluator through
 * `recordCall` on a simulated clock, to promtool as the counters a 30-second scrape would see —
 * then asks promtool to confirm, at each checked time, exactly the alerts the evaluator says are
 * firing (through the ALERTS series) and a budget left within 1% of the evaluator's figure.
 *
 * Prometheus evaluates rule groups one after another (an alert reads what another group recorded
 * one evaluation earlier), the evaluator all in one tick: a decision may change up to one
 * evaluation interval apart. So alerts are compared every minute wherever the evaluator's
 * decision holds from a minute before to a minute after; right at a change they may differ.
 */
import { createCareMetrics, createSloEvaluator, type SloStatus } from '@hartslag/metrics';
import { describe, expect, it } from 'vitest';
import { evaluatorObjectives } from '../../src/model/objectives.js';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { INHIBITORS } from '../../src/rules/names.js';
import {
  at,
  type PromqlExprTest,
  promtoolTest,
  report,
  SELECTOR,
  SLO_LABELS,
  scenarioSlo,
  t,
} from '../promtool/harness.js';
import { counterValues, expandingNotation, type Rate, steadyCounters } from '../promtool/series.js';

const STEP = 30;
const slo = scenarioSlo();
const rulesYaml = renderRules(generateRules({ file: 'agreement', slos: [slo] }), 'agreement');

interface Scenario {
  /** Calls per second over time, or the success and failure counters of every step. */
  traffic: { total: Rate; errors: Rate } | [number[], number[]];
  /** Seconds of traffic. */
  length: number;
  /** When to compare, [from, to] in seconds: alerts every minute, the budget every 5 minutes. */
  compare: [number, number];
}

/** One minute: how far apart the two may change their minds. */
const SETTLE = 60;

interface Verdict {
  time: number;
  firing: string[];
  budgetRemaining: number | undefined;
}

/** Runs the evaluator over the scenario; returns its firing alerts and budget at every tick. */
function evaluate(success: number[], errors: number[]): Verdict[] {
  const metrics = createCareMetrics({ service: SELECTOR.service, registry: false });
  const evaluator = createSloEvaluator(metrics, evaluatorObjectives({ file: 'x', slos: [slo] }, SELECTOR.service), {
    now: () => 0,
    autoStart: false,
  });
  const handle = metrics.operation(SELECTOR.operation);
  const verdicts: Verdict[] = [];
  evaluator.tick(0);
  for (let k = 1; k < success.length; k++) {
    for (let n = success[k]! - success[k - 1]!; n > 0; n--) handle.record('success', 0.05, 200);
    for (let n = errors[k]! - errors[k - 1]!; n > 0; n--) handle.record('server_error', 0.05, 503);
    const time = k * STEP;
    evaluator.tick(time * 1000);
    verdicts.push(verdict(time, evaluator.status()[0]!));
  }
  evaluator.close();
  return verdicts;
}

function verdict(time: number, status: SloStatus): Verdict {
  const firing = status.alerts
    .filter((a) => a.state === 'firing')
    .map((a) => labelString({ alertname: a.alertname, ...pick(a.labels, ['severity', 'long_window', 'coffee_break']) }))
    .sort();
  return { time, firing, budgetRemaining: status.budgetRemaining };
}

function pick(labels: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => labels[k] !== undefined).map((k) => [k, labels[k]!]));
}

function labelString(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}

/**
 * promtool checks: every minute where the evaluator's alerts hold for a minute either side, the
 * same firing alerts; every 5 minutes, the budget within 1% of the evaluator's.
 */
function checksFor(verdicts: Verdict[], [from, to]: [number, number]): PromqlExprTest[] {
  const sel = `slo=${JSON.stringify(SLO_LABELS.slo)}`;
  const byTime = new Map(verdicts.map((v) => [v.time, v]));
  const same = (a: Verdict | undefined, b: Verdict) => a !== undefined && a.firing.join() === b.firing.join();
  const checked = verdicts.filter(
    (v) =>
      v.time >= from &&
      v.time <= to &&
      v.time % SETTLE === 0 &&
      same(byTime.get(v.time - SETTLE), v) &&
      same(byTime.get(v.time + SETTLE), v),
  );
  // Most minutes are settled; if not, the scenario compares too little to mean anything.
  expect(checked.length).toBeGreaterThan((to - from) / SETTLE / 2);
  return checked.flatMap((v) => {
    const alerts: PromqlExprTest = {
      // The inhibitor notifies no one and has no counterpart in the evaluator.
      expr: `count by (alertname, severity, long_window, coffee_break) (ALERTS{alertstate="firing",alertname!="${INHIBITORS.pagedRecently}",${sel}})`,
      eval_time: at(v.time),
      exp_samples: v.firing.map((labels) => ({ labels, value: 1 })),
    };
    if (v.budgetRemaining === undefined || v.time % 300 !== 0) return [alerts];
    const budget: PromqlExprTest = {
      expr: `abs(slo:period_error_budget_remaining:ratio{${sel}} - (${v.budgetRemaining})) <= bool 0.01`,
      eval_time: at(v.time),
      exp_samples: [{ labels: labelString(SLO_LABELS), value: 1 }],
    };
    return [alerts, budget];
  });
}

function agree(name: string, s: Scenario): Verdict[] {
  const { traffic } = s;
  const [success, errors] = Array.isArray(traffic)
    ? traffic
    : [
        counterValues((m) => traffic.total(m) - traffic.errors(m), s.length, STEP) as number[],
        counterValues(traffic.errors, s.length, STEP) as number[],
      ];
  const verdicts = evaluate(success, errors);
  const series = (outcome: string, code: string, values: number[]) => ({
    series: `care_calls_total{service="${SELECTOR.service}",operation="${SELECTOR.operation}",outcome="${outcome}",code="${code}"}`,
    values: expandingNotation(values),
  });
  const run = promtoolTest(`agreement: ${name}`, rulesYaml, [
    {
      name,
      interval: `${STEP}s`,
      input_series: [series('success', '200', success), series('server_error', '503', errors)],
      alert_rule_test: [],
      promql_expr_test: checksFor(verdicts, s.compare),
    },
  ]);
  expect(run.ok, report(run)).toBe(true);
  return verdicts;
}

const steady =
  (perSecond: number): Rate =>
  () =>
    perSecond;
const during =
  (from: number, to: number, inside: number, outside = 0): Rate =>
  (m) =>
    m * 60 >= from && m * 60 < to ? inside : outside;
const firingAt = (verdicts: Verdict[], time: number) => verdicts.find((v) => v.time === time)!.firing;

// Timeouts of 15 min guard against a hung promtool; they are not a speed check: a scenario of three
// days evaluates every rule thousands of times (≈1 min of CPU alone, several on a loaded machine).
describe('the evaluator and the generated rules decide alike', () => {
  it('on a 12-minute total outage at 10:00: the same pages, coffee-break alerts and budget', () => {
    const verdicts = agree('outage', {
      traffic: { total: steady(20), errors: during(t('2d10h'), t('2d10h12m'), 20) },
      length: t('2d11h'),
      compare: [t('2d9h'), t('2d11h') - SETTLE],
    });
    expect(firingAt(verdicts, t('2d9h55m'))).toEqual([]);
    expect(firingAt(verdicts, t('2d10h11m'))).toEqual(
      [
        '{alertname="HartslagErrorBudgetBurn", long_window="1h", severity="page"}',
        '{alertname="HartslagErrorBudgetBurn", long_window="6h", severity="page"}',
        '{alertname="HartslagOutageLimitBreached", coffee_break="breached", severity="page"}',
        '{alertname="HartslagOutageRunning", coffee_break="warning", severity="page"}',
        // Two days of history: the outage alone spends 10% of a 1-day window's share.
        '{alertname="HartslagErrorBudgetBurn", long_window="1d", severity="ticket"}',
        '{alertname="HartslagErrorBudgetBurn", long_window="3d", severity="ticket"}',
      ].sort(),
    );
  }, 900_000);

  it('on a 90-second blip after three quiet days: no alert from either', () => {
    // Three days of history (promtool reads at most 10,000 samples a series: 30 s × 3d10h30m).
    const verdicts = agree('blip', {
      traffic: { total: steady(20), errors: during(t('3d10h'), t('3d10h1m30s'), 20) },
      length: t('3d10h30m'),
      compare: [t('3d9h50m'), t('3d10h30m') - SETTLE],
    });
    for (const v of verdicts.filter((v) => v.time >= t('3d10h'))) expect(v.firing).toEqual([]);
  }, 900_000);

  // 0.25%, not the 0.3% of the promtool scenario: 0.3% is exactly the 1-day ticket's 3× threshold,
  // where rounding decides and both sides may flip at different evaluations.
  it('on a slow burn (0.25% errors on a 99.9% SLO for two days): the same ticket and budget, no page', () => {
    // Both hold the 3-day ticket back until its window holds 18 hours of data.
    const verdicts = agree('slow burn', {
      traffic: { total: steady(5), errors: steady(0.0125) },
      length: t('2d'),
      compare: [t('1h'), t('2d') - SETTLE],
    });
    expect(firingAt(verdicts, t('2d')).some((f) => f.includes('ticket'))).toBe(true);
    expect(firingAt(verdicts, t('17h55m'))).toEqual([]);
    expect(firingAt(verdicts, t('18h'))).toEqual([
      '{alertname="HartslagErrorBudgetBurn", long_window="3d", severity="ticket"}',
    ]);
    for (const v of verdicts) expect(v.firing.some((f) => f.includes('"page"'))).toBe(false);
  }, 900_000);

  // A quiet night: both judge by counted calls, not by minutes that happen to hold one.
  const NIGHT = t('2h');
  const failingHour = (from: number) => (second: number) => second >= from && second < from + t('1h');

  it('at one call every 5 minutes, a total outage: the same pages from the third failed call on, the same breach', () => {
    const length = NIGHT + t('1h10m');
    const verdicts = agree('1 call / 5 min', {
      traffic: steadyCounters(1 / 300, length, STEP, failingHour(NIGHT)),
      length,
      compare: [NIGHT - t('30m'), length - SETTLE],
    });
    // Two failed calls (at 0:00 and 5:00 into the outage) are not yet an outage.
    expect(firingAt(verdicts, NIGHT + t('10m'))).toEqual([]);
    expect(firingAt(verdicts, NIGHT + t('15m'))).toEqual(
      [
        '{alertname="HartslagErrorBudgetBurn", long_window="1h", severity="page"}',
        '{alertname="HartslagErrorBudgetBurn", long_window="6h", severity="page"}',
        '{alertname="HartslagOutageLimitBreached", coffee_break="breached", severity="page"}',
        '{alertname="HartslagOutageRunning", coffee_break="warning", severity="page"}',
        // Two hours of data are less than the quarter of a day a ticket needs: pages only.
      ].sort(),
    );
    // The first call after the hour succeeds: every page is gone.
    expect(firingAt(verdicts, NIGHT + t('1h1m')).filter((f) => f.includes('"page"'))).toEqual([]);
  }, 180_000);

  it('at one call every 2 minutes, a total outage: the same coffee-break warning at five minutes', () => {
    const length = NIGHT + t('30m');
    const verdicts = agree('1 call / 2 min', {
      traffic: steadyCounters(1 / 120, length, STEP, failingHour(NIGHT)),
      length,
      compare: [NIGHT - t('30m'), length - SETTLE],
    });
    expect(firingAt(verdicts, NIGHT + t('4m'))).toEqual([]);
    expect(firingAt(verdicts, NIGHT + t('6m'))).toContain(
      '{alertname="HartslagOutageRunning", coffee_break="warning", severity="page"}',
    );
    expect(firingAt(verdicts, NIGHT + t('11m'))).toContain(
      '{alertname="HartslagOutageLimitBreached", coffee_break="breached", severity="page"}',
    );
  }, 180_000);

  it('at one call every 10 minutes, a single failed call: no alert from either', () => {
    const length = NIGHT + t('1h');
    const verdicts = agree('1 call / 10 min, one failure', {
      traffic: steadyCounters(1 / 600, length, STEP, (second) => second >= NIGHT && second < NIGHT + STEP),
      length,
      compare: [NIGHT - t('30m'), length - SETTLE],
    });
    for (const v of verdicts) expect(v.firing).toEqual([]);
  }, 180_000);
});
