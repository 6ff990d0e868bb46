/**
 * A grouped SLO (`hartslag.dev/by: vendor`) through the real `promtool test rules`: one vendor's
 * software starts failing a fifth of its calls while the others stay healthy. Only that vendor
 * pages; every vendor's budget equals what its own calls say; the small vendors and the library's
 * own `__other__` are judged together as `__other__`.
 */
import { OTHER } from '@hartslag/metrics/contract';
import { describe, expect, it } from 'vitest';
import { generateRules } from '../../src/rules/generate.js';
import type { AlertingRule } from '../../src/rules/RuleFile.js';
import { parseSpec } from '../../src/spec/parseSpec.js';
import { type AlertRuleTest, at, type ExpAlert, promtoolTest, report, t } from './harness.js';
import { counterValues, expandingNotation, type InputSeries, type Rate } from './series.js';

const SERVICE = 'medication-history';
const SLO = 'medication-history-by-vendor';
const spec = parseSpec(
  `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${SLO}
  annotations:
    hartslag.dev/by: vendor
    hartslag.dev/by-top: "2"
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
const rules = generateRules(spec);

const STEP = 30;
const LENGTH = t('2h30m');
const FAILS_FROM = t('2h');

/** Calls per second and failing share of each vendor; two small ones fall outside the top 2. */
const VENDORS: Record<string, { total: number; failing: Rate }> = {
  pharmasoft: { total: 2, failing: () => 0 },
  'apotheek-it': { total: 2, failing: (m) => (m * 60 >= FAILS_FROM ? 0.2 : 0) },
  cito: { total: 0.5, failing: () => 0 },
  // What the metrics library itself folded into __other__ beyond its vendor cap.
  [OTHER]: { total: 0.2, failing: () => 0 },
};

function vendorSeries(vendor: string, outcome: string, rate: Rate): InputSeries {
  return {
    series: `care_vendor_calls_total{service="${SERVICE}",vendor="${vendor}",outcome="${outcome}"}`,
    values: expandingNotation(counterValues(rate, LENGTH, STEP)),
  };
}

const input: InputSeries[] = Object.entries(VENDORS).flatMap(([vendor, v]) => [
  vendorSeries(vendor, 'success', (m) => v.total * (1 - v.failing(m))),
  vendorSeries(vendor, 'server_error', (m) => v.total * v.failing(m)),
]);

/** Calls and failed calls a group counted by `time`, from the input itself. */
function counted(vendors: string[], time: number): [number, number] {
  const at = time / STEP;
  let calls = 0;
  let failed = 0;
  for (const v of vendors) {
    const ok = counterValues((m) => VENDORS[v]!.total * (1 - VENDORS[v]!.failing(m)), LENGTH, STEP)[at]!;
    const bad = counterValues((m) => VENDORS[v]!.total * VENDORS[v]!.failing(m), LENGTH, STEP)[at]!;
    calls += ok + bad;
    failed += bad;
  }
  return [calls, failed];
}

/** The alert `name` (of `tier`) for `vendor`, its annotations filled in as Prometheus renders them. */
function alertFor(vendor: string, name: string, tier?: string): ExpAlert {
  const rule = rules.groups
    .flatMap((g) => g.rules)
    .find((r): r is AlertingRule => 'alert' in r && r.alert === name && r.labels?.tier === tier)!;
  const annotations = Object.fromEntries(
    Object.entries(rule.annotations ?? {}).map(([k, v]) => [k, v.replaceAll('{{ $labels.vendor }}', vendor)]),
  );
  return { exp_labels: { ...rule.labels!, vendor }, exp_annotations: annotations };
}
const burn = (vendor: string, tier: 'page-1h' | 'page-6h') => alertFor(vendor, 'HartslagErrorBudgetBurn', tier);

const EVAL = t('2h10m');
const budgetLeft = (vendors: string[]) => {
  const [calls, failed] = counted(vendors, EVAL);
  return Math.round(1000 * (1 - failed / calls / 0.001)) / 1000;
};

describe('a grouped SLO where one vendor fails and the others are healthy (promtool test rules)', () => {
  it('pages for the failing vendor only, and every vendor has its own exact budget', () => {
    const quiet: AlertRuleTest = { eval_time: at(t('1h55m')), alertname: 'HartslagErrorBudgetBurn', exp_alerts: [] };
    const paging: AlertRuleTest = {
      eval_time: at(EVAL),
      alertname: 'HartslagErrorBudgetBurn',
      exp_alerts: [burn('apotheek-it', 'page-1h'), burn('apotheek-it', 'page-6h')],
    };
    const labels = (vendor: string) => `{slo="${SLO}",service="${SERVICE}",vendor="${vendor}"}`;
    const budget = (vendor: string, value: number) => ({
      labels: labels(vendor),
      value,
    });
    const run = promtoolTest('grouped', rules, [
      {
        name: 'apotheek-it fails a fifth of its calls from 02:00',
        interval: at(STEP),
        input_series: input,
        alert_rule_test: [
          quiet,
          paging,
          // The failing vendor's page holds back that vendor's tickets only.
          {
            eval_time: at(EVAL),
            alertname: 'HartslagPagedRecently',
            exp_alerts: [alertFor('apotheek-it', 'HartslagPagedRecently')],
          },
        ],
        promql_expr_test: [
          {
            // The top 2 by calls over the day have series of their own; the rest are one group.
            expr: `slo:group_top:bool{slo="${SLO}"}`,
            eval_time: at(EVAL),
            exp_samples: ['apotheek-it', 'pharmasoft'].map((v) => ({
              labels: `slo:group_top:bool{slo="${SLO}",service="${SERVICE}",vendor="${v}",slo_group="${v}"}`,
              value: 1,
            })),
          },
          {
            expr: `round(1000 * slo:period_error_budget_remaining:ratio{slo="${SLO}"}) / 1000`,
            eval_time: at(EVAL),
            exp_samples: [
              budget('apotheek-it', budgetLeft(['apotheek-it'])),
              budget('pharmasoft', budgetLeft(['pharmasoft'])),
              budget(OTHER, budgetLeft(['cito', OTHER])),
            ],
          },
          {
            expr: `slo:calls:increase30d{slo="${SLO}"}`,
            eval_time: at(EVAL),
            exp_samples: [
              { labels: `slo:calls:increase30d${labels('apotheek-it')}`, value: counted(['apotheek-it'], EVAL)[0] },
              { labels: `slo:calls:increase30d${labels('pharmasoft')}`, value: counted(['pharmasoft'], EVAL)[0] },
              { labels: `slo:calls:increase30d${labels(OTHER)}`, value: counted(['cito', OTHER], EVAL)[0] },
            ],
          },
        ],
      },
    ]);
    expect(run.ok, report(run)).toBe(true);
    // The failing vendor spent more than its whole budget; the healthy ones spent none.
    expect(budgetLeft(['apotheek-it'])).toBeLessThan(0);
    expect(budgetLeft(['pharmasoft'])).toBe(1);
  }, 300_000);
});
