/**
 * The alerts the generated rules fire, evaluation by evaluation, as the real `promtool test rules`
 * computes them. promtool reports what fired only where it differs from what a test expects, so
 * every alert name is expected silent at every checked time and each "got" in its report is a
 * firing alert: labels and rendered annotations, as Prometheus would send them to Alertmanager.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promtoolTestRules } from '@hartslag/testkit';
import { stringify } from 'yaml';
import { parseDuration } from '../../src/model/duration.js';
import { renderRules } from '../../src/rules/generate.js';
import type { AlertingRule, RuleFile } from '../../src/rules/RuleFile.js';
import { at, EVALUATION_INTERVAL } from '../promtool/harness.js';
import type { InputSeries } from '../promtool/series.js';

export interface FiredAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** Seconds since promtool's epoch → the alerts firing at that evaluation (absent: none). */
export type Timeline = Map<number, FiredAlert[]>;

export function alertNames(rules: RuleFile): string[] {
  const names = rules.groups.flatMap((g) => g.rules).flatMap((r) => ('alert' in r ? [(r as AlertingRule).alert] : []));
  return [...new Set(names)];
}

/** Runs promtool over `input` and reads which alerts fire at each of `times` (seconds). */
export function alertTimeline(rules: RuleFile, input: InputSeries[], interval: number, times: number[]): Timeline {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-timeline-'));
  try {
    writeFileSync(join(dir, 'rules.yaml'), renderRules(rules, 'timeline'));
    const names = alertNames(rules);
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: at(EVALUATION_INTERVAL),
      // The file's order: alerts (and the inhibitor reading ALERTS) see this evaluation's figures.
      group_eval_order: rules.groups.map((g) => g.name),
      tests: [
        {
          interval: at(interval),
          input_series: input,
          alert_rule_test: times.flatMap((time) =>
            names.map((alertname) => ({ eval_time: at(time), alertname, exp_alerts: [] })),
          ),
        },
      ],
    };
    writeFileSync(join(dir, 'test.yaml'), stringify(tests, { lineWidth: 0 }));
    const run = promtoolTestRules(join(dir, 'test.yaml'));
    console.log(`promtool test rules (alert timeline, ${times.length} evaluations): ${run.seconds.toFixed(1)} s`);
    const timeline = parseReport(run.output);
    if (!run.ok && timeline.size === 0) throw new Error(`promtool failed without a report of alerts:\n${run.output}`);
    return timeline;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FAILURE = /alertname: (\S+), time: (\S+), \n\s*exp:\[\], \n\s*got:\[\n([\s\S]*?)\n\s*\]/g;
const ALERT = /Labels:\{(.*)\}\n\s*Annotations:\{(.*)\}/g;
const PAIR = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** promtool's failure report → the firing alerts by evaluation time. */
export function parseReport(output: string): Timeline {
  const timeline: Timeline = new Map();
  for (const [, , time, got] of output.matchAll(FAILURE)) {
    const seconds = parseDuration(time!);
    if (seconds === undefined) throw new Error(`promtool reported a time it cannot have: ${time}`);
    const alerts = timeline.get(seconds) ?? [];
    for (const [, labels, annotations] of got!.matchAll(ALERT)) {
      alerts.push({ labels: pairs(labels!), annotations: pairs(annotations!) });
    }
    timeline.set(seconds, alerts);
  }
  return timeline;
}

/** `a="x", b="y \"q\""` (Go-quoted values) → { a: 'x', b: 'y "q"' }. */
function pairs(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(PAIR)].map(([, k, v]) => [k!, JSON.parse(`"${v}"`) as string]));
}

/** An alert's identity in Alertmanager: its labels. */
export function fingerprint(a: FiredAlert): string {
  return JSON.stringify(Object.entries(a.labels).sort(([x], [y]) => x.localeCompare(y)));
}
