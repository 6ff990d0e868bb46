import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALERTS } from '@hartslag/slo';
import {
  type RunningPrometheus,
  type RunningVictoriaMetrics,
  type RunningVmalert,
  type RunningWebhookReceiver,
  startPrometheus,
  startVictoriaMetrics,
  startVmalert,
  startWebhookReceiver,
  vmalertCheckRules,
  waitFor,
} from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards, DASHBOARDS, PACKAGE_DIR } from '../src/index.js';
import { resolveVariables, runExpression } from './fixtures/dashboardQueries.js';
import { DemoPlatform, STALLED_OPERATION } from './fixtures/demoData.js';
import { expressions } from './fixtures/expressions.js';

/**
 * VictoriaMetrics as the scale store: the demo platform's history imported, its present scraped by
 * Prometheus in agent mode and remote-written in, dashboards/prometheus/rules.yaml evaluated by
 * vmalert (which writes recorded series and ALERTS back), and every dashboard query run against
 * it: one rule file and one set of dashboards for Prometheus and VictoriaMetrics alike.
 */
const RULES = join(PACKAGE_DIR, 'prometheus/rules.yaml');
// The pipelines and logwatch dashboards read series the demo platform's data does not hold:
// test/pipelines.test.ts and test/logwatch.test.ts
// runs its queries against Prometheus scraping a service that records pipeline stages.
const dashboards = buildDashboards().filter(
  (d) => d.uid !== DASHBOARDS.pipelines.uid && d.uid !== DASHBOARDS.logwatch.uid,
);

let vm: RunningVictoriaMetrics;
let agent: RunningPrometheus;
let vmalert: RunningVmalert;
let notifier: RunningWebhookReceiver;
let server: Server;

/** OpenMetrics backfill (seconds) as the Prometheus text VictoriaMetrics imports (milliseconds). */
function toImport(openMetrics: string): string {
  const out: string[] = [];
  for (const line of openMetrics.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    out.push(`${line.slice(0, cut)} ${Math.round(Number(line.slice(cut + 1)) * 1000)}`);
  }
  return `${out.join('\n')}\n`;
}

beforeAll(async () => {
  const platform = new DemoPlatform(Date.now() / 1000);
  vm = await startVictoriaMetrics();
  for (const f of platform.backfill()) await vm.importPrometheus(toImport(f.text));
  server = createServer((req, res) => {
    if (req.url !== '/metrics') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(platform.exposition(Date.now() / 1000));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The load-test series carry job="artillery", as from the Pushgateway.
  agent = await startPrometheus([{ job: 'demo', target: `127.0.0.1:${port}`, honorLabels: true }], {
    agent: true,
    remoteWrite: [vm.remoteWriteUrl],
  });
  notifier = await startWebhookReceiver();
  vmalert = await startVmalert({ rules: [readFileSync(RULES, 'utf8')], datasource: vm.url, notifier: notifier.url });
  // The rules need a few evaluations: SLI ratios, then burn rates and outage lengths, then alerts.
  // The silence alert is awaited until it fires: when vmalert turns it from pending to firing, the
  // pending series ends and the firing one is new to the store, and for some seconds (10 s with a
  // loaded machine) no ALERTS series answers; a dashboard query in that gap found nothing in CI.
  for (const ready of [
    'slo:period_error_budget_remaining:ratio',
    'slo:current_outage:seconds > 0',
    'slo:traffic_baseline:rate10m',
    `ALERTS{alertname="${ALERTS.silence}",alertstate="firing"}`,
  ]) {
    await vm.waitForSeries(ready, 120_000);
  }
}, 480_000);

afterAll(async () => {
  await vmalert?.stop();
  await notifier?.stop();
  await agent?.stop();
  await vm?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('VictoriaMetrics as the store: the generated rules and the dashboards work unchanged', () => {
  it('vmalert parses every generated rule file with MetricsQL, and refuses a broken one', async () => {
    const slo = join(PACKAGE_DIR, '..', 'packages/slo/examples/rules.yaml');
    expect(await vmalertCheckRules([RULES, slo])).toMatchObject({ ok: true });
    const broken = join(tmpdir(), `hartslag-broken-rules-${process.pid}.yaml`);
    writeFileSync(broken, 'groups:\n  - name: x\n    rules:\n      - record: a\n        expr: sum(rate(x[1m]) by (\n');
    const r = await vmalertCheckRules([broken]);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/unparsed data|unexpected token/);
  });

  it('vmalert evaluates every rule without an error', async () => {
    const rules = await vmalert.rules();
    const generated = readFileSync(RULES, 'utf8').match(/^\s+- (record|alert): /gm) ?? [];
    expect(rules).toHaveLength(generated.length);
    const never = rules.filter((r) => !(Date.parse(r.lastEvaluation) > 0));
    expect(never.map((r) => `${r.group}/${r.name}`)).toEqual([]);
    const failing = rules.filter((r) => r.lastError !== '' || r.health !== 'ok');
    expect(failing.map((r) => `${r.group}/${r.name}: ${r.lastError}`)).toEqual([]);
  });

  it('the stalled operation is seen as an outage, its silence alert is raised, and alerts reach the notifier', async () => {
    const outage = await vm.query(`slo:current_outage:seconds{operation="${STALLED_OPERATION}"}`);
    expect(outage[0]?.value).toBeGreaterThan(0);
    // vmalert writes ALERTS back into the store as Prometheus does.
    const silent = await vm.query(`ALERTS{alertname="${ALERTS.silence}"}`);
    expect(silent.map((s) => s.metric.operation)).toContain(STALLED_OPERATION);
    const names = new Set(readFileSync(RULES, 'utf8').match(/(?<=- alert: )\S+/g));
    const posted = await waitFor(
      'vmalert to post a firing alert',
      async () => {
        const alerts = notifier.calls.flatMap((c) => (Array.isArray(c.body) ? c.body : [])) as {
          labels?: Record<string, string>;
        }[];
        return alerts.length > 0 ? alerts : undefined;
      },
      60_000,
    );
    for (const a of posted) expect(names).toContain(a.labels?.alertname);
  }, 70_000);

  describe.each([
    ['every variable set to All', 'all' as const],
    ['every variable set to its first value in the data', 'first' as const],
  ])('with %s', (_name, mode) => {
    it.each(dashboards.map((d) => [d.uid, d] as const))(
      '%s: each expression parses and returns series',
      async (_uid, d) => {
        const values = await resolveVariables(vm.query, d.dashboard, mode);
        const problems = (
          await Promise.all(expressions(d.dashboard).map((e) => runExpression(vm.query, e, values)))
        ).filter((p): p is string => p !== undefined);
        expect(problems).toEqual([]);
      },
    );
  });

  it('a broken expression fails the check here too: a typo does not parse, an unknown metric returns nothing', async () => {
    const e = { dashboard: 'x', where: 'panel', expr: 'sum(rate(care_calls_total[$__rate_interval])' };
    expect(await runExpression(vm.query, e, {})).toMatch(/unparsed data|unexpected|cannot parse/i);
    expect(await runExpression(vm.query, { ...e, expr: 'sum(rate(care_calls_totl[$__rate_interval]))' }, {})).toMatch(
      /no series/,
    );
  });
});
