/**
 * Runs the generated rules through the real `promtool test rules`: the rule file and a unit-test
 * file go into a temporary directory, promtool's verdict and run time come back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promtoolTestRules } from '@hartslag/testkit';
import { parse, stringify } from 'yaml';
import { formatDuration, parseDuration } from '../../src/model/duration.js';
import type { Slo } from '../../src/model/Slo.js';
import { renderRules } from '../../src/rules/generate.js';
import type { AlertingRule, RuleFile } from '../../src/rules/RuleFile.js';
import type { InputSeries } from './series.js';

/** promtool's evaluation interval in every scenario, as often as the 30-second "now" group runs. */
export const EVALUATION_INTERVAL = 30;

export interface ExpAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

export interface AlertRuleTest {
  eval_time: string;
  alertname: string;
  exp_alerts: ExpAlert[];
}

export interface PromqlExprTest {
  expr: string;
  eval_time: string;
  exp_samples: { labels: string; value: number }[];
}

export interface TestGroup {
  name: string;
  /** Input sample interval. */
  interval: string;
  input_series: InputSeries[];
  alert_rule_test: AlertRuleTest[];
  promql_expr_test: PromqlExprTest[];
}

export interface PromtoolRun {
  ok: boolean;
  output: string;
  seconds: number;
  /** The unit-test file, for the failure message. */
  testFile: string;
}

/** Seconds since promtool's epoch: `t('22d10h')`. */
export function t(duration: string): number {
  const s = parseDuration(duration);
  if (s === undefined) throw new RangeError(`not a duration: ${duration}`);
  return s;
}

/** An eval_time: 79200 → "22h". */
export function at(seconds: number): string {
  return seconds === 0 ? '0s' : formatDuration(seconds);
}

/**
 * Writes the rule file (rendered as `hartslag slo generate` does, or YAML as given) and a
 * unit-test file with `groups` into a fresh directory and runs `promtool test rules` on it. The
 * directory is removed unless the run fails.
 *
 * promtool evaluates every rule group at each step in an order of its own, which differs from run
 * to run unless `group_eval_order` fixes it: the alerts would then read recording rules of this
 * step in one run and of the step before in the next, and a check at the edge flips. The order
 * here is the file's (SLI, meta, now, alerts): alerts see this step's figures. (On a real
 * Prometheus, groups run on their own schedules, so an alert may fire up to one evaluation
 * interval later than these tests show.)
 */
export function promtoolTest(name: string, rules: RuleFile | string, groups: TestGroup[]): PromtoolRun {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-promtool-'));
  const text = typeof rules === 'string' ? rules : renderRules(rules, `${name} (promtool test)`);
  const file = typeof rules === 'string' ? (parse(rules) as RuleFile) : rules;
  writeFileSync(join(dir, 'rules.yaml'), text);
  const testFile = join(dir, 'test.yaml');
  const unitTests = {
    rule_files: ['rules.yaml'],
    evaluation_interval: at(EVALUATION_INTERVAL),
    group_eval_order: file.groups.map((g) => g.name),
    tests: groups,
  };
  writeFileSync(testFile, stringify(unitTests, { lineWidth: 0 }));
  const r = promtoolTestRules(testFile);
  console.log(`promtool test rules (${name}): ${r.seconds.toFixed(1)} s`);
  if (r.ok) rmSync(dir, { recursive: true, force: true });
  return { ...r, testFile };
}

/** The assertion message of a failed run: promtool's own report (and where its input is). */
export function report(run: PromtoolRun): string {
  return `promtool test rules failed after ${run.seconds.toFixed(1)} s (input kept in ${run.testFile}):\n${run.output}`;
}

/**
 * The alerts promtool should report. promtool compares labels AND annotations exactly, so the
 * annotations come from the generated rule, with `{{ $value | … }}` filled in the way Prometheus
 * renders it; the labels are the ones the scenario expects.
 */
export class Expected {
  constructor(private readonly rules: RuleFile) {}

  /** The alert `alertname` with exactly `labels` (alertname aside); `value` fills `{{ $value }}`. */
  alert(alertname: string, labels: Record<string, string>, value?: number): ExpAlert {
    const candidates = this.rules.groups
      .flatMap((g) => g.rules)
      .filter((r): r is AlertingRule => 'alert' in r && r.alert === alertname)
      .filter((r) => Object.entries(r.labels ?? {}).every(([k, v]) => labels[k] === v));
    if (candidates.length !== 1) {
      throw new Error(`${candidates.length} ${alertname} rules match ${JSON.stringify(labels)}`);
    }
    const annotations = Object.fromEntries(
      Object.entries(candidates[0]!.annotations ?? {}).map(([k, text]) => [k, render(text, value)]),
    );
    return { exp_labels: labels, exp_annotations: annotations };
  }
}

function render(text: string, value: number | undefined): string {
  const out = text.replace(/\{\{ \$value \| (humanize|humanizeDuration) \}\}/g, (_, fn: string) => {
    if (value === undefined) throw new Error(`the annotation "${text}" needs the alert's value`);
    return fn === 'humanize' ? humanize(value) : humanizeDuration(value);
  });
  if (out.includes('{{')) throw new Error(`cannot render the template in "${text}"`);
  return out;
}

/** Go's `%.4g` for the numbers these tests meet. */
function g4(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** Prometheus's `humanize` template function (template/template.go). */
export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return `${g4(v)}${prefix}`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${g4(v)}${prefix}`;
}

/** Prometheus's `humanizeDuration` for whole seconds (template/template.go). */
export function humanizeDuration(v: number): string {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`only whole positive seconds here, not ${v}`);
  const seconds = v % 60;
  const minutes = Math.floor(v / 60) % 60;
  const hours = Math.floor(v / 3600) % 24;
  const days = Math.floor(v / 86_400);
  if (days !== 0) return `${days}d ${hours}h ${minutes}m ${seconds}s`;
  if (hours !== 0) return `${hours}h ${minutes}m ${seconds}s`;
  if (minutes !== 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

export const SLO_LABELS = {
  slo: 'fetch-medication-history',
  service: 'medication-history',
  operation: 'fetch-medication-history',
} as const;

/** Selects the scenario SLO's calls (and the labels of its input series). */
export const SELECTOR = { service: SLO_LABELS.service, operation: SLO_LABELS.operation };

/** The SLO every scenario runs against: 99.9% over 30 days, a 10-minute coffee break, silence within 3 minutes. */
export function scenarioSlo(): Slo {
  return {
    name: SLO_LABELS.slo,
    service: SLO_LABELS.service,
    operation: SLO_LABELS.operation,
    indicator: { kind: 'care', selector: { ...SELECTOR } },
    objective: 0.999,
    window: t('30d'),
    maxOutage: { limit: 600, warnAfter: 300, errorRatio: 0.5 },
    silence: { detectWithin: 180, baselineWeeks: 3, minExpectedRate: 0.5, ratio: 0.25 },
    breakdown: [],
    labels: {},
    source: { file: 'scenarios.test.ts', line: 1 },
  };
}
