/**
 * The path a real incident takes: the real Prometheus evaluates the generated rules and sends its
 * alerts to the real Alertmanager loaded with the generated configuration. The generated page and
 * ticket need minutes of outage (promtool proves when they fire, incident.test.ts what
 * Alertmanager makes of that); here stand-ins with their names and labels fire when the test says,
 * so that what is real is Prometheus's side: the ALERTS series HartslagPagedRecently reads, the
 * labels Prometheus sends, and the inhibition that outlives the page.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type RunningAlertmanager,
  type RunningPrometheus,
  type RunningWebhookReceiver,
  startAlertmanager,
  startPrometheus,
  startWebhookReceiver,
  waitFor,
} from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { alertmanagerConfig, renderAlertmanagerConfig } from '../../src/alertmanager/generate.js';
import type { SloSpec } from '../../src/model/Slo.js';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { ALERTS, INHIBITORS } from '../../src/rules/names.js';
import { SLO_LABELS, scenarioSlo } from '../promtool/harness.js';
import type { AlertState } from './replay.js';

const spec: SloSpec = { file: 'prometheus', slos: [scenarioSlo()] };

/** 1 while the stand-in page should fire; the test flips it through a scraped gauge. */
let outage = 1;
const standIns = stringify({
  groups: [
    {
      name: 'stand-ins',
      rules: [
        {
          alert: ALERTS.outageRunning,
          expr: 'hartslag_test_outage == 1',
          labels: { ...SLO_LABELS, severity: 'page', coffee_break: 'warning' },
        },
        {
          // A ticket fires once the page has, and keeps firing after it, as tickets do.
          alert: ALERTS.budgetBurn,
          expr: `count(max_over_time(ALERTS{alertname="${ALERTS.outageRunning}",alertstate="firing",coffee_break="warning"}[1h]))`,
          labels: { ...SLO_LABELS, severity: 'ticket', long_window: '1d' },
        },
      ],
    },
  ],
});

let target: Server;
let hooks: RunningWebhookReceiver;
let am: RunningAlertmanager;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  target = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`hartslag_test_outage ${outage}\n`);
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  hooks = await startWebhookReceiver();
  const hook = (path: string) => [{ url: `${hooks.url}/${path}`, send_resolved: true }];
  const config = alertmanagerConfig(spec, {
    receivers: {
      receivers: [
        { name: 'hartslag-page', webhook_configs: hook('page') },
        { name: 'hartslag-ticket', webhook_configs: hook('ticket') },
      ],
    },
    // Seconds instead of minutes: the ticket group looks every second whether it may notify.
    timing: {
      page: { groupWait: 0.5, groupInterval: 1, repeatInterval: 3600 },
      ticket: { groupWait: 1, groupInterval: 1, repeatInterval: 1 },
    },
  });
  am = await startAlertmanager(renderAlertmanagerConfig(config, 'prometheus.test.ts'));
  prometheus = await startPrometheus(
    [{ job: 'outage', target: `127.0.0.1:${(target.address() as AddressInfo).port}` }],
    {
      rules: [renderRules(generateRules(spec), 'prometheus.test.ts'), standIns],
      alertmanagers: [am.url.replace('http://', '')],
    },
  );
}, 90_000);

afterAll(async () => {
  await prometheus?.stop();
  await am?.stop();
  await hooks?.stop();
  await new Promise((resolve) => target?.close(resolve));
});

async function states(): Promise<AlertState[]> {
  return (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as AlertState[];
}
const byName = (list: AlertState[], name: string) => list.filter((s) => s.labels.alertname === name);
const calls = (path: string) => hooks.calls.filter((c) => c.path === path).map((c) => c.body as { status: string });

describe('the real Prometheus with the generated rules, sending to the real Alertmanager', () => {
  it('loads every generated rule group', async () => {
    const res = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as {
      data: { groups: { name: string; rules: { health: string }[] }[] };
    };
    const names = res.data.groups.map((g) => g.name);
    for (const g of generateRules(spec).groups) expect(names).toContain(g.name);
    expect(res.data.groups.flatMap((g) => g.rules).every((r) => r.health !== 'err')).toBe(true);
  });

  it('pages once; the ticket is inhibited by the page, then by HartslagPagedRecently after the page resolved', async () => {
    // The page reaches the page receiver; Prometheus's HartslagPagedRecently and the ticket reach Alertmanager.
    await waitFor('the page notification', async () => (calls('/page').length > 0 ? true : undefined), 30_000);
    const during = await waitFor(
      'the ticket and HartslagPagedRecently in Alertmanager',
      async () => {
        const s = await states();
        return byName(s, ALERTS.budgetBurn).length > 0 && byName(s, INHIBITORS.pagedRecently).length > 0
          ? s
          : undefined;
      },
      30_000,
    );
    const [page] = byName(during, ALERTS.outageRunning);
    const [paged] = byName(during, INHIBITORS.pagedRecently);
    expect(page!.labels).toMatchObject({ ...SLO_LABELS, severity: 'page' });
    expect(paged!.labels).toMatchObject({ ...SLO_LABELS, severity: 'none' });
    const [ticket] = byName(during, ALERTS.budgetBurn);
    expect(ticket!.status.state).toBe('suppressed');

    outage = 0;
    await waitFor(
      'the page to resolve',
      async () => (calls('/page').some((c) => c.status === 'resolved') ? true : undefined),
      30_000,
    );
    const after = await states();
    expect(byName(after, ALERTS.outageRunning)).toEqual([]);
    const [stillTicket] = byName(after, ALERTS.budgetBurn);
    expect(stillTicket!.status).toMatchObject({
      state: 'suppressed',
      inhibitedBy: [(paged as { fingerprint?: string }).fingerprint],
    });
    // Several ticket-group intervals have passed with the ticket firing: none reached its receiver.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(calls('/ticket')).toEqual([]);
    expect(
      new Set(hooks.calls.filter((c) => c.path === '/page').map((c) => (c.body as { groupKey: string }).groupKey)).size,
    ).toBe(1);
  }, 90_000);
});
