/**
 * The generated rules, run by the real `promtool test rules` on what a medication-history service
 * goes through: a long outage, a slow burn, a stalled morning, a quiet Sunday night, a short blip.
 *
 * promtool's clock starts at 1970-01-01T00:00:00Z, a Thursday: `10h` is Thursday 10:00, `22d10h`
 * Friday 23 January 10:00, `24d3h` Sunday 25 January 03:00.
 *
 * Samples every 30 seconds: the rules' one-minute windows (outage, page guard, silence) need two
 * samples per minute, as on a real Prometheus scraping every 15 or 30 seconds. promtool runs every
 * rule group at each 30-second step, whatever its interval, and each step reads every sample in the
 * rules' windows (up to 3 days of raw samples for the ticket windows): so weeks of history are
 * sampled every 15 minutes, with full 30-second resolution where the rules look closely (the hours
 * before each check, and the same time of week in earlier weeks for the silence baseline). The
 * counters always hold the exact number of calls so far; only how often they are sampled varies.
 */
import { expect } from 'vitest';
import { generateRules } from '../../src/rules/generate.js';
import { isPeriodGroup, SERIES } from '../../src/rules/names.js';
import type { RuleFile } from '../../src/rules/RuleFile.js';
import {
  type AlertRuleTest,
  at,
  type ExpAlert,
  Expected,
  type PromqlExprTest,
  promtoolTest,
  report,
  SELECTOR,
  SLO_LABELS,
  scenarioSlo,
  type TestGroup,
} from './harness.js';
import { callSeries, expand, type Rate, type Sampling } from './series.js';

export const BURN = 'HartslagErrorBudgetBurn';
export const RUNNING = 'HartslagOutageRunning';
export const BREACHED = 'HartslagOutageLimitBreached';
export const SILENT = 'HartslagTrafficSilent';
export const EVERY_ALERT = [BURN, RUNNING, BREACHED, SILENT];

export const STEP = 30;
/** History between the closely watched stretches: one sample every 15 minutes. */
export const SPARSE = 900;

export const rules = generateRules({ file: 'scenarios', slos: [scenarioSlo()] });
export const expected = new Expected(rules);

export const page = (longWindow: '1h' | '6h') =>
  expected.alert(BURN, { ...SLO_LABELS, severity: 'page', tier: `page-${longWindow}`, long_window: longWindow });
export const ticket = (longWindow: '1d' | '3d') =>
  expected.alert(BURN, { ...SLO_LABELS, severity: 'ticket', tier: `ticket-${longWindow}`, long_window: longWindow });
export const tickets = () => [ticket('1d'), ticket('3d')];
export const outageRunning = (seconds: number) =>
  expected.alert(RUNNING, { ...SLO_LABELS, severity: 'page', coffee_break: 'warning' }, seconds);
export const outageBreached = (seconds: number) =>
  expected.alert(BREACHED, { ...SLO_LABELS, severity: 'page', coffee_break: 'breached' }, seconds);
export const silent = (callsPerSecond: number) =>
  expected.alert(SILENT, { ...SLO_LABELS, severity: 'page' }, callsPerSecond);

/** `{operation="…",service="…",slo="…"}`, or a recorded series of the SLO with its name. */
export function labelled(name = ''): string {
  const body = Object.entries(SLO_LABELS)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  return `${name}{${body}}`;
}
export const SLO_SELECTOR = `{slo=${JSON.stringify(SLO_LABELS.slo)}}`;

export function alertsAt(time: number, alertname: string, ...alerts: ExpAlert[]): AlertRuleTest {
  return { eval_time: at(time), alertname, exp_alerts: alerts };
}

/** No alert of these names is firing at `time`. */
export function quietAt(time: number, names = EVERY_ALERT): AlertRuleTest[] {
  return names.map((name) => alertsAt(time, name));
}

export function valueAt(time: number, expr: string, labels: string, value: number): PromqlExprTest {
  return { expr, eval_time: at(time), exp_samples: [{ labels, value }] };
}

/** No call fails (the one Rate a scenario may pair with WITHOUT_PERIOD). */
export const noErrors: Rate = () => 0;

/** `rate` inside [from, to) seconds, `otherwise` outside. */
export function during(from: number, to: number, rate: Rate, otherwise: Rate = () => 0): Rate {
  return (minute) => (minute * 60 >= from && minute * 60 < to ? rate(minute) : otherwise(minute));
}

export interface Scenario {
  name: string;
  /** Seconds of input. */
  length: number;
  total: Rate;
  errors: Rate;
  sampling?: Sampling;
  alerts: AlertRuleTest[];
  exprs: PromqlExprTest[];
}

export function testGroup(s: Scenario): TestGroup {
  return {
    name: s.name,
    interval: at(STEP),
    input_series: callSeries(SELECTOR, { total: s.total, errors: s.errors }, s.length, STEP, s.sampling),
    alert_rule_test: s.alerts,
    promql_expr_test: s.exprs,
  };
}

/**
 * The rules without the SLO period's group, for traffic scenarios in which no call fails. That
 * group counts the month in 5-minute steps; promtool runs it every 30 seconds, as every group: a
 * three-week stall scenario took over 1,500 s with it, 796 s without. Without failed calls its
 * figures cannot change a verdict there: the error ratio stays 0, and only the ticket alerts read
 * its coverage. Its own month-long behaviour is checked by scenarios-period, the slow burn and
 * period.steps.
 */
export const WITHOUT_PERIOD: RuleFile = {
  ...rules,
  groups: rules.groups.filter((g) => !isPeriodGroup(g)),
};

/**
 * Only the silence detection: the current and the baseline traffic rate and the silence alert, for
 * the weeks-long traffic scenarios. Each of those rules reads raw counters, nothing another group
 * records. On three days of input promtool took 5.3 s for them, 98.7 s for WITHOUT_PERIOD (the
 * `-sli` group's 37 recording rules alone 54.9 s): a three-week scenario took 796 s. The other
 * alerts need failed calls, so their verdicts on a stall are checked by a short scenario on
 * WITHOUT_PERIOD, and `passes` refuses a check of them on this file, where it could not fail.
 */
export const SILENCE_ONLY: RuleFile = {
  ...rules,
  groups: rules.groups.flatMap((g) => {
    const kept = g.rules.filter((r) =>
      'record' in r ? r.record === SERIES.trafficRate || r.record === SERIES.trafficBaseline : r.alert === SILENT,
    );
    return kept.length > 0 ? [{ ...g, rules: kept }] : [];
  }),
};

/** promtool passes the scenario on the generated rules (or on `file`, a part of them). */
export function passes(s: Scenario, file: RuleFile = rules): void {
  if (file !== rules && s.errors !== noErrors)
    throw new Error(`${s.name}: only a scenario without failed calls may leave out rule groups`);
  const unchecked = s.alerts.filter((a) => a.alertname !== SILENT);
  if (file === SILENCE_ONLY && unchecked.length > 0)
    throw new Error(`${s.name}: SILENCE_ONLY has no ${unchecked[0]!.alertname} rule; a check of it cannot fail`);
  const run = promtoolTest(s.name, file, [testGroup(s)]);
  expect(run.ok, report(run)).toBe(true);
  expect(run.output).toContain('SUCCESS');
}

/** Calls counted by `time` in the scenario's input: [all calls, failed calls]. */
export function callsBy(s: Scenario, time: number): [number, number] {
  const [success, errors] = testGroup(s).input_series.map((series) => expand(series.values)[time / STEP]);
  if (success === undefined || errors === undefined) throw new Error(`no sample at ${at(time)}`);
  return [success + errors, errors];
}

/** What `round(100 * slo:period_error_budget_remaining:ratio)` should read after these calls. */
export function budgetRemainingPercent([calls, failed]: [number, number]): number {
  return Math.round(100 * (1 - failed / calls / 0.001));
}

export const BUDGET_REMAINING = `round(100 * slo:period_error_budget_remaining:ratio${SLO_SELECTOR})`;
export const OUTAGE = labelled('slo:current_outage:seconds');
