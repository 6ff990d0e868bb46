import { ALERTS } from '@hartslag/slo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards, DASHBOARDS } from '../src/index.js';
import { resolveVariables, runExpression } from './fixtures/dashboardQueries.js';
import { BAD_VENDOR, STALLED_OPERATION } from './fixtures/demoData.js';
import { type DemoPrometheus, startDemoPrometheus } from './fixtures/demoPrometheus.js';
import { type Expression, expressions, substitute } from './fixtures/expressions.js';

// The pipelines and logwatch dashboards read series the demo platform's data does not hold:
// test/pipelines.test.ts and test/logwatch.test.ts
// runs its queries against Prometheus scraping a service that records pipeline stages.
const dashboards = buildDashboards().filter(
  (d) => d.uid !== DASHBOARDS.pipelines.uid && d.uid !== DASHBOARDS.logwatch.uid,
);
let prom: DemoPrometheus;

beforeAll(async () => {
  prom = await startDemoPrometheus();
  // The rules need a few evaluations: SLI ratios, then burn rates and outage lengths, then alerts.
  for (const ready of [
    'slo:period_error_budget_remaining:ratio',
    // The grouped SLO's ranking, which the Group variable lists.
    'slo:group_top:bool',
    'slo:current_outage:seconds > 0',
    'slo:traffic_baseline:rate10m',
    `ALERTS{alertname="${ALERTS.silence}"}`,
  ]) {
    const until = Date.now() + 40_000;
    while ((await prom.query(ready)).length === 0) {
      if (Date.now() > until) throw new Error(`no series for ${ready} after 40 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}, 90_000);

afterAll(async () => {
  await prom?.stop();
});

const resolve = (d: (typeof dashboards)[number]['dashboard'], mode: 'all' | 'first') =>
  resolveVariables(prom.query, d, mode);
const run = (e: Expression, values: Record<string, string>) => runExpression(prom.query, e, values);

describe('every PromQL expression of every dashboard, against a real Prometheus holding demo data', () => {
  it('the dashboards hold expressions at all (panels, annotations and variables)', () => {
    const all = dashboards.flatMap((d) => expressions(d.dashboard));
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((e) => e.where.startsWith('annotation'))).toBe(true);
    expect(all.some((e) => e.where.startsWith('variable'))).toBe(true);
  });

  describe.each([
    ['every variable set to All', 'all' as const],
    ['every variable set to its first value in the data', 'first' as const],
  ])('with %s', (_name, mode) => {
    it.each(dashboards.map((d) => [d.uid, d] as const))(
      '%s: each expression parses and returns series',
      async (_uid, d) => {
        const values = await resolve(d.dashboard, mode);
        const problems = (await Promise.all(expressions(d.dashboard).map((e) => run(e, values)))).filter(
          (p): p is string => p !== undefined,
        );
        expect(problems).toEqual([]);
      },
    );
  });

  it('the first values are the stalled operation of the demo data, so the SLO panels show the incident', async () => {
    const slo = dashboards.find((d) => d.uid === 'hartslag-slo-overview')!;
    const values = await resolve(slo.dashboard, 'first');
    expect(values.operation).toBe(STALLED_OPERATION);
    const outage = await prom.query(`slo:current_outage:seconds{operation="${STALLED_OPERATION}"}`);
    expect(Number(outage[0]?.value[1])).toBeGreaterThan(0);
  });

  it('the Group variable shows one vendor of the grouped SLO beside the ungrouped SLOs', async () => {
    const slo = dashboards.find((d) => d.uid === 'hartslag-slo-overview')!;
    const budget = expressions(slo.dashboard).find((e) => e.where.startsWith('panel "Downtime budget left'))!;
    const text = substitute(budget.expr, { service: '.*', operation: '.*', group: BAD_VENDOR });
    const series = (await prom.query(text)).map((s) => s.metric);
    const grouped = series.filter((m) => m.vendor !== undefined);
    expect(grouped.map((m) => [m.slo, m.vendor])).toEqual([['medication-history-by-vendor', BAD_VENDOR]]);
    expect(series.filter((m) => m.vendor === undefined).map((m) => m.slo)).toContain('fetch-medication-history');
    // The bad release spends that vendor's budget faster than the others'.
    const all = await prom.query(substitute(budget.expr, { service: '.*', operation: '.*', group: '.*' }));
    const left = (v: string) => Number(all.find((s) => s.metric.vendor === v)?.value[1]);
    const others = all.filter((s) => s.metric.vendor !== undefined && s.metric.vendor !== BAD_VENDOR);
    expect(others.length).toBeGreaterThan(0);
    for (const o of others) expect(left(BAD_VENDOR)).toBeLessThan(Number(o.value[1]));
  });

  it('a broken expression fails the check: a typo does not parse, an unknown metric returns nothing', async () => {
    const e = { dashboard: 'x', where: 'panel', expr: 'sum(rate(care_calls_total[$__rate_interval])' };
    expect(await run(e, {})).toMatch(/parse error|unclosed/i);
    expect(await run({ ...e, expr: 'sum(rate(care_calls_totl[$__rate_interval]))' }, {})).toMatch(/no series/);
  });
});
