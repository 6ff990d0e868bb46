/**
 * Calendar-period and Timeslices budgets, evaluated by the real `promtool test rules`. promtool
 * evaluates every group at each step whatever its interval, so each scenario steps at the
 * interval its groups have on a real Prometheus: 5 minutes for the calendar's event counts, one
 * slice for Timeslices.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promtoolTestRules } from '@hartslag/testkit';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { localTime } from '../../src/rules/calendar.js';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const spec = (window: string, extra = '') => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lookups
spec:
  service: lookups
  budgetingMethod: ${extra === '' ? 'Occurrences' : 'Timeslices'}
  timeWindow:
${window}
  objectives:
    - target: 0.99
${extra}
  indicator:
    metadata:
      name: lookups
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource: { type: Prometheus, spec: { query: 'sum(x_failed_total)' } }
        total:
          metricSource: { type: Prometheus, spec: { query: 'sum(x_total)' } }
`;

/** Runs promtool on the rules of `text` with one test group; returns promtool's verdict. */
function promtool(text: string, evaluation: string, group: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-period-'));
  // The one-minute time slices need four scrapes each: the input is sampled every 15 seconds or finer.
  const rules = generateRules(parseSpec(text, 'slos.yaml'), { scrapeInterval: 15 });
  writeFileSync(join(dir, 'rules.yaml'), renderRules(rules, 'slos.yaml'));
  const file = join(dir, 'test.yaml');
  writeFileSync(
    file,
    stringify(
      {
        rule_files: ['rules.yaml'],
        evaluation_interval: evaluation,
        group_eval_order: rules.groups.map((g) => g.name),
        tests: [group],
      },
      { lineWidth: 0 },
    ),
  );
  const r = promtoolTestRules(file);
  if (r.ok) rmSync(dir, { recursive: true, force: true });
  return r;
}

const LABELS = '{slo="lookups", service="lookups"}';

describe('a calendar day in Europe/Amsterdam (UTC+1 in January 1970, promtool’s epoch)', () => {
  const window = `    - duration: 1d
      isRolling: false
      calendar: { startTime: 1970-01-01 00:00:00, timeZone: Europe/Amsterdam }`;
  // One call a second all along; one in ten fails for the first 12 hours.
  const series = [
    { series: 'x_total', values: '0+60x1500' },
    { series: 'x_failed_total', values: '0+6x720 4320+0x780' },
  ];

  it('counts the budget from local midnight: the day’s failures until 23:00 UTC, none after', () => {
    const r = promtool(spec(window), '5m', {
      interval: '1m',
      input_series: series,
      promql_expr_test: [
        // 22:00 UTC is 23:00 in Amsterdam: still the first day. 4,320 of 79,200 calls failed.
        {
          expr: 'slo:period_bad_events:total',
          eval_time: '22h',
          exp_samples: [{ labels: `slo:period_bad_events:total${LABELS}`, value: 4320 }],
        },
        {
          expr: 'slo:period_events:total',
          eval_time: '22h',
          exp_samples: [{ labels: `slo:period_events:total${LABELS}`, value: 79200 }],
        },
        // 24:00 UTC is 01:00 on the second local day: the new period holds only good calls (13 steps of 5 minutes).
        {
          expr: 'slo:period_error:ratio',
          eval_time: '24h',
          exp_samples: [{ labels: `slo:period_error:ratio${LABELS}`, value: 0 }],
        },
        {
          expr: 'slo:period_events:total',
          eval_time: '24h',
          exp_samples: [{ labels: `slo:period_events:total${LABELS}`, value: 3900 }],
        },
        // The rolling day still holds the morning's failures; the calendar budget is whole again.
        {
          expr: 'slo:period_error_budget_remaining:ratio',
          eval_time: '24h',
          exp_samples: [{ labels: `slo:period_error_budget_remaining:ratio${LABELS}`, value: 1 }],
        },
      ],
    });
    expect(r.ok, r.output).toBe(true);
  });
});

describe('Timeslices: the budget is a share of good minutes', () => {
  const window = `    - duration: 1d
      isRolling: true`;
  const slices = `      timeSliceTarget: 0.95
      timeSliceWindow: 1m`;

  it('counts a minute with 10% failed calls as bad, whatever the calls of the other minutes', () => {
    const r = promtool(spec(window, slices), '1m', {
      interval: '1m',
      // One call a second; one in ten fails for the first two hours.
      input_series: [
        { series: 'x_total', values: '0+60x300' },
        { series: 'x_failed_total', values: '0+6x120 720+0x180' },
      ],
      promql_expr_test: [
        // At 4h, 240 minutes were judged (the first has no rate yet): the first 120 bad.
        {
          expr: 'slo:period_error:ratio',
          eval_time: '4h',
          exp_samples: [{ labels: `slo:period_error:ratio${LABELS}`, value: 0.5 }],
        },
        {
          expr: 'slo:timeslice_good:bool',
          eval_time: '1h',
          exp_samples: [{ labels: `slo:timeslice_good:bool${LABELS}`, value: 0 }],
        },
        {
          expr: 'slo:timeslice_good:bool',
          eval_time: '3h',
          exp_samples: [{ labels: `slo:timeslice_good:bool${LABELS}`, value: 1 }],
        },
      ],
    });
    expect(r.ok, r.output).toBe(true);
  });
});

describe('the calendar’s wall clock', () => {
  /** What the generated expression gives at `t` (its `time() >= bool T` terms evaluated here). */
  const evaluate = (expr: string, t: number) =>
    Function(
      `return ${expr.replaceAll('time()', String(t)).replace(/(\d+) >= bool (\d+)/g, '($1 >= $2 ? 1 : 0)')}`,
    )() as number;

  it.each([
    ['Europe/Amsterdam', '2026-03-29T00:59:59Z', '2026-03-29T01:59:59'],
    ['Europe/Amsterdam', '2026-03-29T01:00:00Z', '2026-03-29T03:00:00'],
    ['Europe/Amsterdam', '2026-10-25T01:00:00Z', '2026-10-25T02:00:00'],
    ['America/New_York', '2022-11-06T06:00:00Z', '2022-11-06T01:00:00'],
    ['Asia/Kolkata', '2030-06-01T00:00:00Z', '2030-06-01T05:30:00'],
  ])('in %s, %s is %s on the wall', (timeZone, utc, wall) => {
    const expr = localTime({ unit: 'month', count: 1, timeZone, start: [2022, 1, 1, 0, 0, 0] });
    const local = evaluate(expr, Date.parse(utc) / 1000);
    expect(new Date(local * 1000).toISOString().slice(0, 19)).toBe(wall);
  });
});
