/**
 * `GET /v1/reports/<month>`: November's SLA figures from a real Prometheus loaded with the month's
 * counters minute by minute, the maintenance this service has on record left out, month
 * boundaries at midnight in Amsterdam. Expected figures are the writer's own counts.
 */
import { SLO_SERIES } from '@hartslag/metrics/contract';
import { type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.js';
import { buildStatusApi, type StatusStore } from '../../src/index.js';

const SERVICE = 'medication-history';
const SLO = 'fetch-medication-history';
const OTHER_SLO = 'send-prescription';
const MINUTE = 60;
const PER_MINUTE = 12;
const at = (iso: string) => Date.parse(iso) / 1000;
/** November in Amsterdam (UTC+1): from 23:00 UTC on 31 October to 23:00 UTC on 30 November. */
const MONTH = { start: at('2026-10-31T23:00:00Z'), end: at('2026-11-30T23:00:00Z') };
/** The counters run from a day before the month to a day after it. */
const FROM = MONTH.start - 86_400;
const TO = MONTH.end + 86_400;
/** Failing minutes (by their end): in the hour before Amsterdam's November (October's), in declared maintenance, outside it, and after the month. */
const FAILING: [number, number][] = [
  [at('2026-10-31T22:30:00Z'), at('2026-10-31T22:50:00Z')],
  [at('2026-11-15T10:00:00Z'), at('2026-11-15T10:25:00Z')],
  [at('2026-11-22T14:00:00Z'), at('2026-11-22T14:07:00Z')],
  [at('2026-11-30T23:10:00Z'), at('2026-11-30T23:40:00Z')],
];
const MAINTENANCE = { from: '2026-11-15T09:55:00Z', to: '2026-11-15T10:30:00Z' };
const TOKENS = {
  reader: 'reports-token-0123456789abcdefghijklmnopqrs',
  writer: 'writer-token-0123456789abcdefghijklmnopqrstu',
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function minutes(): { t: number; failed: number }[] {
  const out = [];
  for (let t = FROM + MINUTE; t <= TO; t += MINUTE) {
    out.push({ t, failed: FAILING.some(([a, b]) => t > a && t <= b) ? PER_MINUTE : 0 });
  }
  return out;
}

/** What the writer wrote in (start, end], less the minutes in (skipFrom, skipTo]. */
function written(start: number, end: number, skip?: [number, number]) {
  const kept = minutes().filter((m) => m.t > start && m.t <= end && !(skip && m.t > skip[0] && m.t <= skip[1]));
  return { calls: kept.length * PER_MINUTE, failed: kept.reduce((n, m) => n + m.failed, 0) };
}

function openMetrics(): string {
  const lines = ['# TYPE care_calls counter'];
  for (const [outcome, failing] of [
    ['success', false],
    ['server_error', true],
  ] as const) {
    const series = `care_calls_total{service="${SERVICE}",operation="${SLO}",outcome="${outcome}",code="${failing ? 503 : 200}"}`;
    let value = 0;
    lines.push(`${series} 0 ${FROM}`);
    for (const m of minutes()) {
      value += failing ? m.failed : PER_MINUTE - m.failed;
      lines.push(`${series} ${value} ${m.t}`);
    }
  }
  // What the SLO's generated rules recorded while they ran, hourly here.
  lines.push(`# TYPE ${SLO_SERIES.objective} gauge`);
  for (let t = FROM; t <= TO; t += 3600) {
    lines.push(`${SLO_SERIES.objective}{slo="${SLO}",service="${SERVICE}",operation="${SLO}"} 0.999 ${t}`);
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

describe('the monthly SLA report of the status API, on a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let app: FastifyInstance;
  let store: StatusStore;

  beforeAll(async () => {
    prometheus = await startPrometheus([], { backfill: openMetrics() });
    ({ app, store } = await buildStatusApi({
      page: { name: 'Apotheek Datahub', timeZone: 'Europe/Amsterdam' },
      components: [
        { id: 'medication-history', name: 'Medicatiehistorie <b>&</b>', slos: [SLO] },
        { id: 'prescriptions', name: 'Voorschriften', slos: [OTHER_SLO] },
      ],
      source: { kind: 'embedded', read: async () => ({ at: Date.now(), slos: new Map() }) },
      tokens: [
        { name: 'sla-office', sha256: hashToken(TOKENS.reader), scopes: ['reports:read'] },
        { name: 'ops', sha256: hashToken(TOKENS.writer), scopes: ['maintenance:write', 'audit:read'] },
      ],
      reports: { prometheus: { url: prometheus.url, timeoutMs: 30_000 } },
      rateLimit: false,
    }));
    await app.ready();
    const declare = (components: string[], from: string, to: string) =>
      store.scheduleMaintenance(
        {
          title: { en: 'Maintenance' },
          body: { en: 'Planned work' },
          components,
          startsAt: Date.parse(from),
          endsAt: Date.parse(to),
        },
        { name: 'ops' },
        Date.parse('2026-11-01T09:00:00Z'),
      );
    // Around the 25-minute outage: planned, so it spends no budget.
    await declare(['medication-history'], MAINTENANCE.from, MAINTENANCE.to);
    // Over the 7-minute outage, but of another component: it counts.
    await declare(['prescriptions'], '2026-11-22T13:00:00Z', '2026-11-22T15:00:00Z');
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await prometheus?.stop();
  });

  it('counts the month in the page’s time zone, declared maintenance left out', async () => {
    const res = await app.inject({ url: '/v1/reports/2026-11?format=json', headers: bearer(TOKENS.reader) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const report = res.json();
    const skip: [number, number] = [at(MAINTENANCE.from), at(MAINTENANCE.to)];
    const kept = written(MONTH.start, MONTH.end, skip);
    // The writer's own counts: October's last hour (UTC) is Amsterdam's November, its failures
    // before 23:00 UTC are October's, and those after 23:00 UTC on 30 November are December's.
    expect(kept.failed).toBe(7 * PER_MINUTE);
    expect(report).toMatchObject({
      month: '2026-11',
      timeZone: 'Europe/Amsterdam',
      from: '2026-10-31T23:00:00.000Z',
      to: '2026-11-30T23:00:00.000Z',
    });
    expect(report.slos).toEqual([
      {
        slo: SLO,
        service: SERVICE,
        operation: SLO,
        objective: 0.999,
        calls: kept.calls,
        failedCalls: kept.failed,
        availability: 1 - kept.failed / kept.calls,
        budgetUsed: kept.failed / kept.calls / (1 - 0.999),
        longestOutageSeconds: 7 * MINUTE,
        incidents: 1,
        maintenanceSeconds: 35 * MINUTE,
      },
    ]);
    expect(report.components).toEqual([
      { id: 'medication-history', name: 'Medicatiehistorie <b>&</b>', slos: [SLO] },
      { id: 'prescriptions', name: 'Voorschriften', slos: [OTHER_SLO] },
    ]);
    expect(report.maintenance.map((m: { slos: string[]; from: string }) => [m.from, m.slos])).toEqual([
      ['2026-11-15T09:55:00.000Z', [SLO]],
      ['2026-11-22T13:00:00.000Z', [OTHER_SLO]],
    ]);
  }, 120_000);

  it('serves the same figures as CSV and as a printable page', async () => {
    const json = (await app.inject({ url: '/v1/reports/2026-11?format=json', headers: bearer(TOKENS.reader) })).json();
    const csv = await app.inject({ url: '/v1/reports/2026-11?format=csv', headers: bearer(TOKENS.reader) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="sla-2026-11.csv"');
    const row = csv.body.split('\n').find((l) => l.startsWith(`${SLO},`));
    expect(row).toContain(`,${json.slos[0].calls},${json.slos[0].failedCalls},`);
    const html = await app.inject({ url: '/v1/reports/2026-11', headers: bearer(TOKENS.reader) });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.body).toContain(SLO);
    expect(html.body).not.toContain('<script');
  }, 120_000);

  it('asks for a token with reports:read, and audits every read', async () => {
    const none = await app.inject({ url: '/v1/reports/2026-11?format=json' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    const other = await app.inject({ url: '/v1/reports/2026-11?format=json', headers: bearer(TOKENS.writer) });
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain(SERVICE);
    const audit = await app.inject({ url: '/v1/audit', headers: bearer(TOKENS.writer) });
    const reads = audit.json().entries.filter((e: { action: string }) => e.action === 'report.month');
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads[0]).toMatchObject({ actor: 'sla-office', target: 'month:2026-11' });
  }, 120_000);

  it('refuses a month that is not one, naming the field', async () => {
    for (const month of ['2026-13', '2026-1', 'november', '2026-11%2F..']) {
      const res = await app.inject({ url: `/v1/reports/${month}?format=json`, headers: bearer(TOKENS.reader) });
      expect(res.statusCode, month).toBe(400);
      expect(res.json().error, month).toContain('params/month');
    }
    const format = await app.inject({ url: '/v1/reports/2026-11?format=pdf', headers: bearer(TOKENS.reader) });
    expect(format.statusCode).toBe(400);
    expect(format.json().error).toContain('format');
  });

  it('answers 503 without internals when Prometheus cannot be read', async () => {
    const { app: broken } = await buildStatusApi({
      page: { name: 'Apotheek Datahub', timeZone: 'Europe/Amsterdam' },
      components: [{ id: 'medication-history', name: 'Medicatiehistorie', slos: [SLO] }],
      source: { kind: 'embedded', read: async () => ({ at: Date.now(), slos: new Map() }) },
      tokens: [{ name: 'sla-office', sha256: hashToken(TOKENS.reader), scopes: ['reports:read'] }],
      // A port nobody listens on.
      reports: { prometheus: { url: 'http://127.0.0.1:9', timeoutMs: 2000 } },
      rateLimit: false,
      log: () => {},
    });
    await broken.ready();
    const res = await broken.inject({ url: '/v1/reports/2026-11?format=json', headers: bearer(TOKENS.reader) });
    await broken.close();
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('HARTSLAG_ERR_HTTP_SOURCE_UNAVAILABLE');
    expect(res.body).not.toContain('127.0.0.1');
  });
});
