/**
 * `hartslag slo report --status-api`: the maintenance a real `hartslag-status serve` process has on
 * record is left out of the month's figures, which come from the real Prometheus loaded with a
 * month of counters. The windows were declared in November (written to the status API's SQLite
 * store with November's clock, as the API did then); the report is made in December.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@hartslag/status-api';
import { freePort, type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hartslag } from './support.js';

const STATUS_BIN = fileURLToPath(new URL('../node_modules/.bin/hartslag-status', import.meta.url));
const SERVICE = 'medication-history';
const SLO = 'fetch-medication-history';
const MINUTE = 60;
const PER_MINUTE = 10;
const at = (iso: string) => Date.parse(iso) / 1000;
const FROM = at('2026-10-31T23:00:00Z');
const TO = at('2026-12-01T01:00:00Z');
/** Minutes failing by their end in [from, to): a 25-minute outage in declared maintenance, a 10-minute one outside it. */
const FAILING: [number, number][] = [
  [at('2026-11-15T10:00:00Z'), at('2026-11-15T10:25:00Z')],
  [at('2026-11-22T14:00:00Z'), at('2026-11-22T14:10:00Z')],
];

function minutes(): { t: number; failed: number }[] {
  const out = [];
  for (let t = FROM + MINUTE; t <= TO; t += MINUTE) {
    out.push({ t, failed: FAILING.some(([a, b]) => t > a && t <= b) ? PER_MINUTE : 0 });
  }
  return out;
}

/** Calls counted when the counters were made, in (start, end]. */
function exact(start: number, end: number): { calls: number; failed: number } {
  const inRange = minutes().filter((m) => m.t > start && m.t <= end);
  return { calls: inRange.length * PER_MINUTE, failed: inRange.reduce((n, m) => n + m.failed, 0) };
}

function openMetrics(): string {
  const lines = ['# TYPE care_calls counter'];
  for (const [outcome, code, failing] of [
    ['success', '200', false],
    ['server_error', '503', true],
  ] as const) {
    const series = `care_calls_total{service="${SERVICE}",operation="${SLO}",outcome="${outcome}",code="${code}"}`;
    let value = 0;
    lines.push(`${series} 0 ${FROM}`);
    for (const m of minutes()) {
      value += failing ? m.failed : PER_MINUTE - m.failed;
      lines.push(`${series} ${value} ${m.t}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

const SPEC = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${SLO}
  annotations: { hartslag.dev/max-outage: 10m }
spec:
  service: ${SERVICE}
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.999 }]
  indicator:
    metadata: { name: calls }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${SERVICE}",operation="${SLO}",outcome=~"server_error|timeout"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${SERVICE}",operation="${SLO}"}' } } }
`;

function statusConfig(prometheusUrl: string, port: number): string {
  return `apiVersion: hartslag.status/v1
page:
  name: Apotheek Datahub
  timeZone: Europe/Amsterdam
source:
  kind: prometheus
  url: ${prometheusUrl}
components:
  - id: medication-history
    name: Medicatiehistorie
    slos: [${SLO}]
  - id: prescriptions
    name: Voorschriften
    slos: [send-prescription]
storage:
  sqlite: ./status.sqlite
server:
  host: 127.0.0.1
  port: ${port}
`;
}

let prometheus: RunningPrometheus;
let dir: string;
let statusUrl: string;
let status: ChildProcess | undefined;
let statusLog = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hartslag-report-status-'));
  writeFileSync(join(dir, 'slos.yaml'), SPEC);
  prometheus = await startPrometheus([], { backfill: openMetrics() });

  // November's declarations, as the status API recorded them then.
  const store = await openStore({ sqlitePath: join(dir, 'status.sqlite') });
  const declare = (components: string[], from: string, to: string) =>
    store.scheduleMaintenance(
      {
        title: { en: 'Maintenance' },
        body: { en: 'Planned work' },
        components,
        startsAt: Date.parse(from),
        endsAt: Date.parse(to),
      },
      { name: 'ops-team' },
      Date.parse('2026-11-01T09:00:00Z'),
    );
  // Around the 25-minute outage: planned, so it spends no budget.
  await declare(['medication-history'], '2026-11-15T09:55:00Z', '2026-11-15T10:30:00Z');
  // Over the 10-minute outage, but of another component: it counts.
  await declare(['prescriptions'], '2026-11-22T13:00:00Z', '2026-11-22T15:00:00Z');
  // Over the 10-minute outage too, but cancelled: it counts.
  const cancelled = await declare(['medication-history'], '2026-11-22T13:30:00Z', '2026-11-22T14:30:00Z');
  await store.cancelMaintenance(cancelled.id, { name: 'ops-team' }, Date.parse('2026-11-20T09:00:00Z'));
  // December's: not November's.
  await declare(['medication-history'], '2026-12-01T02:00:00Z', '2026-12-01T03:00:00Z');
  await store.close();

  const port = await freePort();
  const config = join(dir, 'status.yaml');
  writeFileSync(config, statusConfig(prometheus.url, port));
  statusUrl = `http://127.0.0.1:${port}`;
  const child = spawn(STATUS_BIN, ['serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  status = child;
  const keep = (d: Buffer) => {
    statusLog = (statusLog + d.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A guard against a status API that never starts, not a speed check.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hartslag-status exited:\n${statusLog}`);
    const up = await fetch(`${statusUrl}/v1/maintenance`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`hartslag-status did not answer:\n${statusLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 600_000);

afterAll(async () => {
  if (status !== undefined && status.exitCode === null) {
    const exited = new Promise((r) => status!.once('exit', r));
    status.kill('SIGTERM');
    await exited;
  }
  await prometheus?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('hartslag slo report --status-api, against a real hartslag-status process', () => {
  it('lists the windows of a range, past ones included, with the SLOs of their components', async () => {
    const res = await fetch(`${statusUrl}/v1/maintenance/windows?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      maintenance: [
        {
          id: 1,
          from: '2026-11-15T09:55:00.000Z',
          to: '2026-11-15T10:30:00.000Z',
          components: ['medication-history'],
          slos: [SLO],
        },
        {
          id: 2,
          from: '2026-11-22T13:00:00.000Z',
          to: '2026-11-22T15:00:00.000Z',
          components: ['prescriptions'],
          slos: ['send-prescription'],
        },
      ],
    });
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const res = await fetch(`${statusUrl}/v1/maintenance/windows?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('querystring/to must be after querystring/from');
  });

  it('leaves out the minutes of the SLO’s declared maintenance, and only those', async () => {
    const r = await hartslag([
      'slo',
      'report',
      join(dir, 'slos.yaml'),
      '--month',
      '2026-11',
      '--prometheus',
      prometheus.url,
      '--status-api',
      statusUrl,
      '--format',
      'json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const made = JSON.parse(r.out) as { slos: Record<string, unknown>[] };
    const all = exact(at('2026-11-01T00:00:00Z'), at('2026-12-01T00:00:00Z'));
    const planned = exact(at('2026-11-15T09:55:00Z'), at('2026-11-15T10:30:00Z'));
    expect(planned).toEqual({ calls: 35 * PER_MINUTE, failed: 25 * PER_MINUTE });
    expect(made.slos).toEqual([
      {
        slo: SLO,
        service: SERVICE,
        operation: SLO,
        objective: 0.999,
        calls: all.calls - planned.calls,
        failedCalls: all.failed - planned.failed,
        availability: 1 - (all.failed - planned.failed) / (all.calls - planned.calls),
        budgetUsed: (all.failed - planned.failed) / (all.calls - planned.calls) / (1 - 0.999),
        // The outage outside maintenance is what is left.
        longestOutageSeconds: 10 * MINUTE,
        incidents: 1,
        maintenanceSeconds: 35 * MINUTE,
      },
    ]);
  }, 60_000);

  it('names the status API it cannot reach', async () => {
    const port = await freePort();
    const r = await hartslag([
      'slo',
      'report',
      join(dir, 'slos.yaml'),
      '--month',
      '2026-11',
      '--prometheus',
      prometheus.url,
      '--status-api',
      `http://127.0.0.1:${port}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`cannot reach the status API at http://127.0.0.1:${port}`);
  });
});
