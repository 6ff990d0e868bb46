/**
 * A grouped SLO (`hartslag.dev/by: vendor`, top 2) judged by the generated rules in promtool and
 * by the in-process evaluator on the same calls: one vendor starts failing a fifth of its calls
 * among healthy ones, and two small vendors share `__other__`. Per group, both must fire the same
 * alerts and keep the same budget (within 1%), with the tolerances of evaluator.test.ts: alerts
 * compared every settled minute, the budget every 5 minutes.
 */
import { createCareMetrics, createSloEvaluator, type SloStatus } from '@hartslag/metrics';
import { OTHER } from '@hartslag/metrics/contract';
import { describe, expect, it } from 'vitest';
import { evaluatorObjectives } from '../../src/model/objectives.js';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { INHIBITORS } from '../../src/rules/names.js';
import { parseSpec } from '../../src/spec/parseSpec.js';
import { at, type PromqlExprTest, promtoolTest, report, t } from '../promtool/harness.js';
import { counterValues, expandingNotation, type InputSeries, type Rate } from '../promtool/series.js';

const SERVICE = 'medication-history';
const SLO = 'medication-history-by-vendor';
const spec = parseSpec(
  `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${SLO}
  annotations: { hartslag.dev/by: vendor, hartslag.dev/by-top: "2" }
spec:
  service: ${SERVICE}
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.999 }]
  indicator:
    metadata: { name: calls }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${SERVICE}",outcome=~"server_error|timeout"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${SERVICE}"}' } } }
`,
  'slos.yaml',
);
const rulesYaml = renderRules(generateRules(spec), 'agreement-grouped');

const STEP = 30;
const SETTLE = 60;
const LENGTH = t('3h');
const FAILS_FROM = t('2h');

/** Calls per second and failing share of each vendor; the two small ones fall outside the top 2. */
const VENDORS: Record<string, { total: number; failing: Rate }> = {
  pharmasoft: { total: 2, failing: () => 0 },
  'apotheek-it': { total: 2, failing: (m) => (m * 60 >= FAILS_FROM ? 0.2 : 0) },
  cito: { total: 0.5, failing: () => 0 },
  medirom: { total: 0.2, failing: (m) => (m * 60 >= FAILS_FROM ? 0.5 : 0) },
};
const counters = Object.fromEntries(
  Object.entries(VENDORS).map(([vendor, v]) => [
    vendor,
    {
      ok: counterValues((m) => v.total * (1 - v.failing(m)), LENGTH, STEP) as number[],
      failed: counterValues((m) => v.total * v.failing(m), LENGTH, STEP) as number[],
    },
  ]),
);

interface Verdict {
  time: number;
  /** Firing alerts as `{alertname, long_window, severity, vendor}` label strings. */
  firing: string[];
  /** Budget left per group. */
  budget: Map<string, number | undefined>;
}

function evaluate(): Verdict[] {
  const metrics = createCareMetrics({ service: SERVICE, registry: false });
  const evaluator = createSloEvaluator(metrics, evaluatorObjectives(spec, SERVICE), { now: () => 0, autoStart: false });
  const verdicts: Verdict[] = [];
  evaluator.tick(0);
  for (let k = 1; k <= LENGTH / STEP; k++) {
    for (const [vendor, c] of Object.entries(counters)) {
      const call = { operation: 'fetch-medication-history', tenant: `pharmacy-of-${vendor}`, vendor };
      for (let n = Math.round(c.ok[k]! - c.ok[k - 1]!); n > 0; n--) metrics.recordCall({ ...call, outcome: 'success' });
      for (let n = Math.round(c.failed[k]! - c.failed[k - 1]!); n > 0; n--) {
        metrics.recordCall({ ...call, outcome: 'server_error' });
      }
    }
    evaluator.tick(k * STEP * 1000);
    verdicts.push(verdict(k * STEP, evaluator.status()));
  }
  evaluator.close();
  return verdicts;
}

function verdict(time: number, statuses: SloStatus[]): Verdict {
  const firing = statuses
    .flatMap((s) => s.alerts.filter((a) => a.state === 'firing'))
    .map((a) =>
      labelString({
        alertname: a.alertname,
        long_window: a.labels.long_window!,
        severity: a.severity,
        vendor: a.labels.vendor!,
      }),
    )
    .sort();
  return { time, firing, budget: new Map(statuses.map((s) => [s.group!.value, s.budgetRemaining])) };
}

function labelString(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
}

function checksFor(verdicts: Verdict[], [from, to]: [number, number]): PromqlExprTest[] {
  const sel = `slo=${JSON.stringify(SLO)}`;
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
  expect(checked.length).toBeGreaterThan((to - from) / SETTLE / 2);
  return checked.flatMap((v) => {
    const alerts: PromqlExprTest = {
      expr: `count by (alertname, long_window, severity, vendor) (ALERTS{alertstate="firing",alertname!="${INHIBITORS.pagedRecently}",${sel}})`,
      eval_time: at(v.time),
      exp_samples: v.firing.map((labels) => ({ labels, value: 1 })),
    };
    if (v.time % 300 !== 0) return [alerts];
    const budgets = [...v.budget].flatMap(([group, b]): PromqlExprTest[] =>
      b === undefined
        ? []
        : [
            {
              expr: `abs(slo:period_error_budget_remaining:ratio{${sel},vendor=${JSON.stringify(group)}} - (${b})) <= bool 0.01`,
              eval_time: at(v.time),
              exp_samples: [
                {
                  labels: labelString({ service: SERVICE, slo: SLO, vendor: group }),
                  value: 1,
                },
              ],
            },
          ],
    );
    return [alerts, ...budgets];
  });
}

describe('the evaluator and the generated rules judge a grouped SLO alike', () => {
  it('one failing vendor among healthy ones: the same pages for that vendor alone, the same budget per group', () => {
    const verdicts = evaluate();
    const input: InputSeries[] = Object.entries(counters).flatMap(([vendor, c]) => [
      {
        series: `care_vendor_calls_total{service="${SERVICE}",vendor="${vendor}",outcome="success"}`,
        values: expandingNotation(c.ok),
      },
      {
        series: `care_vendor_calls_total{service="${SERVICE}",vendor="${vendor}",outcome="server_error"}`,
        values: expandingNotation(c.failed),
      },
    ]);
    const run = promtoolTest('agreement: grouped', rulesYaml, [
      {
        name: 'one failing vendor',
        interval: `${STEP}s`,
        input_series: input,
        alert_rule_test: [],
        promql_expr_test: checksFor(verdicts, [t('1h'), LENGTH - SETTLE]),
      },
    ]);
    expect(run.ok, report(run)).toBe(true);
    const last = verdicts.at(-1)!;
    expect([...last.budget.keys()]).toEqual(['apotheek-it', 'pharmasoft', OTHER]);
    expect(last.firing.some((f) => f.includes('vendor="apotheek-it"') && f.includes('"page"'))).toBe(true);
    // __other__ holds medirom's failures among cito's calls (a seventh of its calls): it pages on its own.
    expect(last.firing.some((f) => f.includes(`vendor="${OTHER}"`) && f.includes('"page"'))).toBe(true);
    expect(last.firing.every((f) => !f.includes('vendor="pharmasoft"'))).toBe(true);
  }, 900_000);
});
