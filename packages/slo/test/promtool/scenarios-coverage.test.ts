/**
 * The generated rules under promtool: a service that has only just started, and a quiet one.
 * Tickets need their long window to hold data; pages do not; 0/0 is no value, never NaN.
 * Scenario helpers, and the promtool limits they work around, are in scenarioKit.ts.
 */
import { describe, expect, it } from 'vitest';
import { generateRules } from '../../src/rules/generate.js';
import { SERIES } from '../../src/rules/names.js';
import { at, promtoolTest, report, SELECTOR, SLO_LABELS, scenarioSlo, t } from './harness.js';
import {
  alertsAt,
  BURN,
  labelled,
  page,
  passes,
  type Scenario,
  SLO_SELECTOR,
  STEP,
  ticket,
  valueAt,
} from './scenarioKit.js';
import { callSeries } from './series.js';

const firingByTier = (time: number, tiers: string[]) => ({
  // One ALERTS series per alert, SLO and tier: a duplicate would count 2.
  expr: `count by (alertname, slo, tier) (ALERTS{alertstate="firing",alertname="${BURN}"})`,
  eval_time: at(time),
  exp_samples: tiers.map((tier) => ({
    labels: `{alertname="${BURN}",slo="${SLO_LABELS.slo}",tier="${tier}"}`,
    value: 1,
  })),
});

describe('promtool test rules: coverage and quiet services', () => {
  it('pages but files no ticket for a service 20 minutes old with 2% of calls failing; the 1-day ticket once 6 hours hold data', () => {
    // 20 calls/s from the first scrape on, 2% failing: above the 1-hour page's 1.44% and the 1-day ticket's 0.3%.
    const scenario: Scenario = {
      name: 'new service, 2% errors',
      length: t('6h10m'),
      total: () => 20,
      errors: () => 0.4,
      alerts: [
        alertsAt(t('20m'), BURN, page('1h'), page('6h')),
        // A quarter of a day is 6 hours: the first 5-minute step that holds them.
        alertsAt(t('5h55m'), BURN, page('1h'), page('6h')),
        alertsAt(t('6h'), BURN, page('1h'), page('6h'), ticket('1d')),
      ],
      exprs: [
        firingByTier(t('20m'), ['page-1h', 'page-6h']),
        firingByTier(t('6h'), ['page-1h', 'page-6h', 'ticket-1d']),
        // Seconds of data in the day window: the steps at 5, 10, 15 and 20 minutes.
        valueAt(t('20m'), `${SERIES.coverage(t('1d'))}${SLO_SELECTOR} * 86400`, labelled(), 1200),
        valueAt(t('6h'), `${SERIES.coverage(t('3d'))}${SLO_SELECTOR} * 259200`, labelled(), t('6h')),
      ],
    };
    passes(scenario);
  }, 600_000);

  it('records no NaN for an idle service: counters there, no calls for hours', () => {
    const slo = {
      ...scenarioSlo(),
      breakdown: ['vendor' as const],
      calendar: {
        unit: 'month' as const,
        count: 1,
        timeZone: 'Europe/Amsterdam',
        start: [2026, 1, 1, 0, 0, 0] as const,
      },
    };
    const rules = generateRules({ file: 'idle', slos: [slo] });
    const recorded = [
      ...new Set(rules.groups.flatMap((g) => g.rules.flatMap((r) => ('record' in r ? [r.record] : [])))),
    ];
    const length = t('3h');
    const idle = callSeries(SELECTOR, { total: () => 0, errors: () => 0 }, length, STEP);
    const vendor = {
      series: `care_vendor_calls_total{service="${SLO_LABELS.service}",vendor="acme",outcome="success"}`,
      values: `0+0x${length / STEP}`,
    };
    const run = promtoolTest('idle service', rules, [
      {
        name: 'idle',
        interval: at(STEP),
        input_series: [...idle, vendor],
        alert_rule_test: [],
        promql_expr_test: [
          // NaN is the one value not equal to itself.
          ...recorded.map((name) => ({ expr: `${name} != ${name}`, eval_time: at(length), exp_samples: [] })),
          // Not vacuous: the counts are there, and zero.
          valueAt(length, `${SERIES.calls(t('1h'))}${SLO_SELECTOR}`, labelled(SERIES.calls(t('1h'))), 0),
        ],
      },
    ]);
    expect(recorded.length).toBeGreaterThan(40);
    expect(run.ok, report(run)).toBe(true);
  }, 300_000);
});
