/**
 * A fresh deploy that fails every call, in each form an SLI can take: the care_* metrics, a
 * ratioMetric with `good` (whose series never appears), one with `bad`, and custom queries
 * without `sum`. Before the deploy no series exists at all. An absent series is zero calls:
 * never an error ratio of 0, never NaN.
 */
import { describe, expect, it } from 'vitest';
import type { Indicator, Slo } from '../../src/model/Slo.js';
import { generateRules } from '../../src/rules/generate.js';
import { isPeriodGroup } from '../../src/rules/names.js';
import { at, promtoolTest, report, scenarioSlo, t } from './harness.js';
import { STEP, valueAt } from './scenarioKit.js';
import { expandingNotation, type InputSeries } from './series.js';

const DEPLOY = t('1h');
const LENGTH = DEPLOY + t('15m');
const PER_SECOND = 1;

const FORMS: Record<string, { indicator: Indicator; failing: string }> = {
  care: {
    indicator: { kind: 'care', selector: { service: 'fresh-care', operation: 'lookup' } },
    failing: 'care_calls_total{service="fresh-care",operation="lookup",outcome="server_error",code="503"}',
  },
  good: {
    indicator: {
      kind: 'ratio',
      good: 'sum(rate(http_requests_total{job="fresh-good",code!~"5.."}[{{window}}]))',
      total: 'sum(rate(http_requests_total{job="fresh-good"}[{{window}}]))',
    },
    failing: 'http_requests_total{job="fresh-good",code="503"}',
  },
  bad: {
    indicator: {
      kind: 'ratio',
      bad: 'sum(rate(http_requests_total{job="fresh-bad",code=~"5.."}[{{window}}]))',
      total: 'sum(rate(http_requests_total{job="fresh-bad"}[{{window}}]))',
    },
    failing: 'http_requests_total{job="fresh-bad",code="503"}',
  },
  custom: {
    indicator: {
      kind: 'ratio',
      good: 'rate(rpc_handled_total{job="fresh-custom",grpc_code="OK"}[{{window}}])',
      total: 'rate(rpc_handled_total{job="fresh-custom"}[{{window}}])',
    },
    failing: 'rpc_handled_total{job="fresh-custom",grpc_code="Unavailable"}',
  },
};

function slo(form: string, indicator: Indicator): Slo {
  return { ...scenarioSlo(), name: `fresh-${form}`, service: `fresh-${form}`, operation: undefined, indicator };
}

/** Absent until the deploy; from then on every call of a second counted, first scraped at the deploy. */
function failingSeries(series: string): InputSeries {
  const values: (number | undefined)[] = [];
  for (let s = 0; s <= LENGTH; s += STEP) values.push(s < DEPLOY ? undefined : (s - DEPLOY + STEP) * PER_SECOND);
  return { series, values: expandingNotation(values) };
}

describe('promtool test rules: a fresh deploy failing every call, in each indicator form', () => {
  it('pages, warns and breaks the coffee-break limit for the care metrics, good, bad and custom queries alike', () => {
    const entries = Object.entries(FORMS);
    const rules = generateRules({ file: 'fresh', slos: entries.map(([form, f]) => slo(form, f.indicator)) });
    const exprs = entries.flatMap(([form]) => {
      const sel = `slo="fresh-${form}"`;
      const labels = `{service="fresh-${form}",slo="fresh-${form}"}`;
      const firing = (alert: string, extra = '') =>
        `count(ALERTS{alertname="${alert}",alertstate="firing",${sel}${extra}})`;
      return [
        // Before the deploy: no series, zero calls counted, no ratio (neither 0 nor NaN), too few calls to judge.
        valueAt(DEPLOY - STEP, `slo:calls:increase1h{${sel}}`, `slo:calls:increase1h${labels}`, 0),
        { expr: `slo:sli_error:ratio_rate5m{${sel}}`, eval_time: at(DEPLOY - STEP), exp_samples: [] },
        valueAt(DEPLOY - STEP, `slo:judgeable{${sel}}`, `slo:judgeable${labels}`, 0),
        // After it: every counted call failed.
        valueAt(DEPLOY + t('5m'), `slo:sli_error:ratio_rate5m{${sel}}`, `slo:sli_error:ratio_rate5m${labels}`, 1),
        valueAt(DEPLOY + t('5m'), `slo:recent_error:ratio{${sel}}`, `slo:recent_error:ratio${labels}`, 1),
        valueAt(DEPLOY + t('5m'), firing('HartslagErrorBudgetBurn', ',severity="page"'), '{}', 2),
        // The 30-day figures count the new service's calls from its first scrape: every one failed.
        valueAt(DEPLOY + t('5m'), `slo:sli_error:ratio_rate30d{${sel}}`, `slo:sli_error:ratio_rate30d${labels}`, 1),
        valueAt(DEPLOY + t('15m'), `slo:sli_error:ratio_rate30d{${sel}}`, `slo:sli_error:ratio_rate30d${labels}`, 1),
        valueAt(
          DEPLOY + t('15m'),
          `slo:period_error_budget_remaining:ratio{${sel}}`,
          `slo:period_error_budget_remaining:ratio${labels}`,
          -999,
        ),
        valueAt(DEPLOY + t('6m'), firing('HartslagOutageRunning'), '{}', 1),
        valueAt(DEPLOY + t('11m'), firing('HartslagOutageLimitBreached'), '{}', 1),
      ];
    });
    const run = promtoolTest('fresh deploy', rules, [
      {
        name: 'fresh deploy failing every call',
        interval: at(STEP),
        input_series: entries.map(([, f]) => failingSeries(f.failing)),
        alert_rule_test: [],
        promql_expr_test: exprs,
      },
    ]);
    expect(run.ok, report(run)).toBe(true);
  }, 300_000);

  it('counts a series first scraped between two steps from its first sample, and has a 30-day ratio before the first step counts it', () => {
    // First scraped 30 s after a step: the step after it has no sample a step back, yet counts
    // every call since that first scrape (the counter already stood at 30: those came before).
    // The period group runs every 30 s here, as a test or a busy dashboard may run it: between
    // the empty first step and the next, the 30-day ratio is the catch-up window's.
    const first = DEPLOY + STEP;
    const end = DEPLOY + t('15m');
    const values: (number | undefined)[] = [];
    for (let s = 0; s <= end; s += STEP) values.push(s < first ? undefined : s - DEPLOY);
    const late = slo('late', { kind: 'care', selector: { service: 'fresh-late' } });
    const counted = values.at(-1)! - values.find((v) => v !== undefined)!;
    const rules = generateRules({ file: 'fresh-late', slos: [late] });
    const period = rules.groups.find(isPeriodGroup)!;
    period.interval = at(STEP);
    const sel = '{service="fresh-late",slo="fresh-late"}';
    const run = promtoolTest('fresh deploy between steps', rules, [
      {
        name: 'first scrape between two steps',
        interval: at(STEP),
        input_series: [
          {
            series: 'care_calls_total{service="fresh-late",operation="lookup",outcome="server_error",code="503"}',
            values: expandingNotation(values),
          },
        ],
        alert_rule_test: [],
        promql_expr_test: [
          { expr: 'slo:sli_error:ratio_rate30d{slo="fresh-late"}', eval_time: at(first - STEP), exp_samples: [] },
          valueAt(
            first + STEP,
            'slo:sli_error:ratio_rate30d{slo="fresh-late"}',
            `slo:sli_error:ratio_rate30d${sel}`,
            1,
          ),
          valueAt(end, 'sum_over_time(slo:calls:increase_step{slo="fresh-late"}[30d])', sel, counted),
          valueAt(end, 'slo:sli_error:ratio_rate30d{slo="fresh-late"}', `slo:sli_error:ratio_rate30d${sel}`, 1),
        ],
      },
    ]);
    expect(counted).toBe(870);
    expect(run.ok, report(run)).toBe(true);
  }, 300_000);
});
