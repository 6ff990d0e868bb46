/**
 * Partner views against a real Prometheus scraping a service that records calls of three vendors'
 * pharmacies: a partner sees its own calls and nothing of anyone else's, whatever id, path or
 * token it tries; every read is audited; every name is escaped.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from '@hartslag/metrics/contract';
import { type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.js';
import { run } from '../../src/cli/run.js';
import { LANGUAGES } from '../../src/i18n/messages.js';
import { PARTNER_MESSAGES } from '../../src/i18n/partnerMessages.js';
import { buildStatusApi, openStore, type PartnerView, type StatusStore } from '../../src/index.js';
import {
  CODES,
  HOSTILE_TENANT,
  OBJECTIVE,
  OBJECTIVE_RULES,
  OPERATION,
  type PartnerService,
  partnerService,
  plan,
  SERVICE,
  TENANTS,
} from './fixtures/partnerTraffic.js';

const HOSTILE_NAME = 'Pharma "Soft" <img src=x onerror=alert(1)> & Co';
const NOW = Date.now();
const TOKENS = {
  vendorA: 'partner-a-token-0123456789abcdefghijklmnopqrstu',
  vendorB: 'partner-b-token-0123456789abcdefghijklmnopqrstu',
  group: 'partner-g-token-0123456789abcdefghijklmnopqrstu',
  expired: 'partner-x-token-0123456789abcdefghijklmnopqrstu',
  writer: 'writer-token-0123456789abcdefghijklmnopqrstuvwx',
  auditor: 'auditor-token-0123456789abcdefghijklmnopqrstuvw',
};
const GROUP = ['a-apotheek-noord', 'b-apotheek-oost'];
const OVERUSE_PER_HOUR = 100;

/** Everything of vendors other than vendor-a that must never reach vendor-a's responses. */
const OTHERS = ['vendor-b', 'vendor-c', ...TENANTS['vendor-b']!, ...TENANTS['vendor-c']!];
/** And of the tenants outside the group. */
const OUTSIDE_GROUP = Object.values(TENANTS)
  .flat()
  .filter((t) => !GROUP.includes(t));

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const basic = (token: string) => ({ authorization: `Basic ${Buffer.from(`partner:${token}`).toString('base64')}` });

/** The ISO week holding `ms`, e.g. 2026-W49. */
function isoWeek(ms: number): string {
  const d = new Date(ms);
  // ISO 8601: a week belongs to the year of its Thursday, and week 1 holds the year's first Thursday.
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

describe('partner views on a real Prometheus', () => {
  let service: PartnerService;
  let prometheus: RunningPrometheus;
  let app: FastifyInstance;
  let store: StatusStore;

  beforeAll(async () => {
    service = await partnerService();
    prometheus = await startPrometheus([{ job: 'partners', target: service.url }], { rules: [OBJECTIVE_RULES] });
    // One call per tenant and outcome first, seen by Prometheus, so the rest is an increase of
    // series it already knows (increase() cannot count what came before a series' first sample).
    const tenants = Object.values(TENANTS).flat();
    const series = tenants.flatMap((t) => Object.keys(plan(t)).map((o) => [t, o as Outcome] as const));
    for (const [t, o] of series) service.record(t, o, 1);
    await prometheus.waitForSeries(`count(care_tenant_calls_total) >= ${series.length}`, 60_000);
    for (const [t, o] of series) service.record(t, o, plan(t)[o]!);
    const total = service.counted.calls(tenants);
    await prometheus.waitForSeries(`sum(care_vendor_calls_total) == ${total}`, 60_000);
    // increase() extrapolates by about one scrape interval over the span its samples cover: with
    // a dozen samples on each series that is a few percent, not the double two samples would give.
    await prometheus.waitForSeries('min(count_over_time(care_tenant_calls_total[1h])) >= 12', 60_000);

    ({ app, store } = await buildStatusApi({
      page: { name: 'Apotheek Datahub', timeZone: 'UTC' },
      components: [{ id: 'medication-history', name: 'Medicatiehistorie', slos: [OPERATION] }],
      source: { kind: 'embedded', read: async () => ({ at: Date.now(), slos: new Map() }) },
      tokens: [
        { name: 'vendor-a-portal', sha256: hashToken(TOKENS.vendorA), scopes: ['read:vendor:vendor-a'] },
        { name: 'vendor-b-portal', sha256: hashToken(TOKENS.vendorB), scopes: ['read:vendor:vendor-b'] },
        { name: 'chain-portal', sha256: hashToken(TOKENS.group), scopes: ['read:tenant-group:noord-oost'] },
        {
          name: 'former-partner',
          sha256: hashToken(TOKENS.expired),
          scopes: ['read:vendor:vendor-a'],
          expiresAt: NOW - 1000,
        },
        { name: 'ops', sha256: hashToken(TOKENS.writer), scopes: ['incidents:write', 'maintenance:write'] },
        { name: 'auditor', sha256: hashToken(TOKENS.auditor), scopes: ['audit:read'] },
      ],
      partners: {
        vendors: [
          { id: 'vendor-a', name: HOSTILE_NAME },
          { id: 'vendor-b', name: 'Medisys' },
          { id: 'vendor-c', name: 'Apotheeksoft' },
        ],
        tenantGroups: [{ id: 'noord-oost', name: 'Keten Noord-Oost', tenants: GROUP }],
        overusePerHour: OVERUSE_PER_HOUR,
        prometheus: { url: prometheus.url, timeoutMs: 20_000 },
      },
      rateLimit: false,
    }));
    await app.ready();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await prometheus?.stop();
    await service?.close();
  });

  const get = (url: string, headers: Record<string, string> = bearer(TOKENS.vendorA)) =>
    app.inject({ method: 'GET', url, headers });

  /** Every audit row after `id`, oldest first. */
  async function auditSince(id: number) {
    return (await store.listAudit({ limit: 500 })).filter((e) => e.id > id).reverse();
  }
  const lastAuditId = async () => (await store.listAudit({ limit: 1 }))[0]?.id ?? 0;

  it("shows a vendor its own pharmacies' calls, refused calls and overuse, from Prometheus", async () => {
    const res = await get('/v1/partners/vendor/vendor-a');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const view = res.json() as PartnerView;
    expect(view.partner).toEqual({ kind: 'vendor', id: 'vendor-a', name: HOSTILE_NAME });
    expect(view.tenants.map((t) => t.tenant).sort()).toEqual([...TENANTS['vendor-a']!].sort());
    expect(view.services.map((s) => s.service)).toEqual([SERVICE]);
    // increase() extrapolates a little past the samples it has; never below what was counted
    // after the first sample of each series (the plan), and never by half as much again.
    const counted = (t: string, o: 'success' | 'denied' | 'server_error' | 'client_error') =>
      (plan(t)[o] ?? 0) as number;
    for (const t of view.tenants) {
      for (const o of ['success', 'denied', 'server_error', 'client_error'] as const) {
        expect(t.lastHour[o]).toBeGreaterThanOrEqual(counted(t.tenant, o));
        expect(t.lastHour[o]).toBeLessThanOrEqual(Math.ceil(counted(t.tenant, o) * 1.6));
      }
    }
    expect(view.denied.map((d) => d.tenant)).toEqual(['a-nocontract']);
    expect(view.overuse).toEqual({ perHour: OVERUSE_PER_HOUR, tenants: ['a-hammer'] });
    expect(view.unavailable).toEqual([]);
    for (const other of [...OTHERS, CODES.timeout]) expect(res.body).not.toContain(other);
  });

  it('shows a vendor its own failed calls by code and its own p95, from the per-vendor families', async () => {
    const planned = (vendor: string, code: string) =>
      TENANTS[vendor]!.reduce((n, t) => n + ((plan(t) as Record<string, number>)[outcomeOf(code)] ?? 0), 0);
    const outcomeOf = (code: string) => Object.entries(CODES).find(([, c]) => c === code)![0];
    for (const [vendor, token, codes, p95] of [
      ['vendor-a', TOKENS.vendorA, [CODES.client_error, CODES.server_error, CODES.denied], [0.01, 0.025]],
      ['vendor-b', TOKENS.vendorB, [CODES.server_error, CODES.denied, CODES.timeout], [0.25, 0.5]],
    ] as const) {
      const res = await get(`/v1/partners/vendor/${vendor}`, bearer(token));
      const view = res.json() as PartnerView;
      expect(view.codes.map((c) => c.code).sort()).toEqual([...codes].sort());
      for (const c of view.codes) {
        expect([c.service, c.operation]).toEqual([SERVICE, OPERATION]);
        // Counted after each series' first sample (the plan), extrapolated a little by increase().
        expect(c.calls).toBeGreaterThanOrEqual(planned(vendor, c.code));
        expect(c.calls).toBeLessThanOrEqual(Math.ceil(planned(vendor, c.code) * 1.6) + 1);
      }
      // Most calls first: the denied calls (no contract) lead both vendors' lists.
      expect(view.codes[0]!.code).toBe(CODES.denied);
      expect(view.latency).toHaveLength(1);
      expect(view.latency[0]).toMatchObject({ service: SERVICE, operation: OPERATION });
      expect(view.latency[0]!.p95Seconds).toBeGreaterThan(p95[0]);
      expect(view.latency[0]!.p95Seconds).toBeLessThanOrEqual(p95[1]);
      const others = Object.keys(TENANTS).filter((v) => v !== vendor);
      for (const other of [...others, ...others.flatMap((v) => TENANTS[v]!)]) expect(res.body).not.toContain(other);
    }
  });

  it('gives a tenant group exactly its tenants, whichever vendor serves them', async () => {
    const res = await get('/v1/partners/tenant-group/noord-oost', bearer(TOKENS.group));
    expect(res.statusCode).toBe(200);
    const view = res.json() as PartnerView;
    expect(view.tenants.map((t) => t.tenant)).toEqual(GROUP);
    expect(view.overuse.tenants).toEqual([]);
    // The per-vendor families have no tenant label: a group's codes and p95 cannot be told apart.
    expect(view.codes).toEqual([]);
    expect(view.latency).toEqual([]);
    expect(view.unavailable.map((u) => u.figure)).toEqual(['error_codes', 'latency_p95']);
    for (const other of OUTSIDE_GROUP) expect(res.body).not.toContain(other);
    expect(res.body).not.toContain('vendor-');
  });

  it('renders the page with every name escaped: the partner from configuration, tenants from the metrics', async () => {
    const res = await get('/partners/vendor/vendor-a', { ...bearer(TOKENS.vendorA), 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).not.toContain(HOSTILE_TENANT);
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain('<img');
    expect(res.body).toContain('Pharma &quot;Soft&quot; &lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(res.body).toContain('a-&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toMatch(/More than 100 calls in the last hour: <bdi>a-hammer<\/bdi>\./);
    expect(res.body).toContain(`<td><code>${CODES.denied}</code></td>`);
    expect(res.body).toMatch(/data-testid="latency".*<td>2\d ms<\/td>/s);
    expect(res.body).not.toContain('data-testid="unavailable"');
    for (const other of [...OTHERS, CODES.timeout]) expect(res.body).not.toContain(other);
  });

  it('opens the page in a browser with the token as the Basic password', async () => {
    expect((await get('/partners/vendor/vendor-a', basic(TOKENS.vendorA))).statusCode).toBe(200);
    expect((await get('/partners/vendor/vendor-b', basic(TOKENS.vendorA))).statusCode).toBe(403);
  });

  it('writes every partner read to the audit log before answering, with the token holder and the partner', async () => {
    const before = await lastAuditId();
    await get('/v1/partners/vendor/vendor-a');
    await get('/partners/vendor/vendor-a');
    await get('/v1/partners/tenant-group/noord-oost', bearer(TOKENS.group));
    const rows = await auditSince(before);
    expect(rows.map((r) => [r.actor, r.action, r.target])).toEqual([
      ['vendor-a-portal', 'partner.view', 'vendor:vendor-a'],
      ['vendor-a-portal', 'partner.page', 'vendor:vendor-a'],
      ['chain-portal', 'partner.view', 'tenant-group:noord-oost'],
    ]);
    // Partners may not read the audit log, which names other partners.
    expect((await get('/v1/audit')).statusCode).toBe(403);
  });

  it.each([['vendor-b'], ['vendor-c'], ['vendor-unknown']])(
    "refuses vendor-a's token for %s on every partner route, and audits the attempt",
    async (id) => {
      const before = await lastAuditId();
      for (const url of [
        `/v1/partners/vendor/${id}`,
        `/partners/vendor/${id}`,
        `/v1/partners/vendor/${id}/report?week=2026-W49`,
      ]) {
        const res = await get(url);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({
          error: 'this token may not read this partner',
          code: 'HARTSLAG_ERR_HTTP_FORBIDDEN',
          statusCode: 403,
        });
      }
      const rows = await auditSince(before);
      expect(rows.map((r) => [r.actor, r.action, r.target])).toEqual(
        Array(3).fill(['vendor-a-portal', 'partner.refused', `vendor:${id}`]),
      );
    },
  );

  it.each([
    ['a decoded ../ to another vendor', '/v1/partners/vendor/..%2Fvendor-b', 403],
    ['an encoded slash after its own id', '/v1/partners/vendor/vendor-a%2F..%2Fvendor-b', 403],
    ['a double-encoded slash', '/v1/partners/vendor/vendor-a%252F..%252Fvendor-b', 403],
    ['another case', '/v1/partners/vendor/VENDOR-A', 403],
    ['a Cyrillic а', `/v1/partners/vendor/${encodeURIComponent('vendor-\u0430')}`, 403],
    ['a fullwidth hyphen', `/v1/partners/vendor/${encodeURIComponent('vendor\uFF0Da')}`, 403],
    ['a NUL byte', '/v1/partners/vendor/vendor-a%00', 403],
    ['a trailing space', '/v1/partners/vendor/vendor-a%20', 403],
    ['a regex', `/v1/partners/vendor/${encodeURIComponent('vendor-.*')}`, 403],
    [
      'a PromQL quote',
      `/v1/partners/vendor/${encodeURIComponent('vendor-a"} or care_vendor_calls_total{vendor="vendor-b')}`,
      403,
    ],
    ['its id as a tenant group', '/v1/partners/tenant-group/vendor-a', 403],
    // The client resolves dot segments before sending: what arrives asks for vendor-b.
    ['dot segments in the path', '/v1/partners/vendor/vendor-a/../vendor-b', 403],
    ['a trailing slash', '/v1/partners/vendor/vendor-a/', 404],
    ['another kind', '/v1/partners/VENDOR/vendor-a', 404],
    ['an id longer than any configured one', `/v1/partners/vendor/vendor-a${'a'.repeat(90)}`, 403],
    // fastify's maxParamLength: refused by the router before any token is looked at.
    ['an id of 5,000 characters', `/v1/partners/vendor/vendor-a${'a'.repeat(5000)}`, 414],
  ])('gives no data for %s (%s)', async (_what, url, status) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    for (const other of [...OTHERS, ...Object.values(CODES)]) expect(res.body).not.toContain(other);
    expect(res.body).not.toContain('a-hammer');
  });

  it.each([
    ['no token', {}, 401],
    ['an empty Authorization header', { authorization: '' }, 401],
    ['a token that is not configured', bearer('not-a-configured-token-0123456789abcdefghijklm'), 401],
    ['a malformed scheme', { authorization: `Token ${TOKENS.vendorA}` }, 401],
    [
      'Basic credentials without a password',
      { authorization: `Basic ${Buffer.from('vendor-a:').toString('base64')}` },
      401,
    ],
    ['an expired partner token', bearer(TOKENS.expired), 401],
    ['a write token', bearer(TOKENS.writer), 403],
    ['an audit token', bearer(TOKENS.auditor), 403],
    ["another vendor's token", bearer(TOKENS.vendorB), 403],
    ["a tenant group's token", bearer(TOKENS.group), 403],
  ])("answers %s for vendor-a's view with %i", async (_what, headers, status) => {
    for (const url of [
      '/v1/partners/vendor/vendor-a',
      '/partners/vendor/vendor-a',
      '/v1/partners/vendor/vendor-a/report?week=bad',
    ]) {
      const res = await get(url, headers as Record<string, string>);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(status === 401 ? 'HARTSLAG_ERR_HTTP_UNAUTHORIZED' : 'HARTSLAG_ERR_HTTP_FORBIDDEN');
      if (status === 401)
        expect(res.headers['www-authenticate']).toBe(
          'Bearer realm="hartslag-status", Basic realm="hartslag-partner", charset="UTF-8"',
        );
      expect(res.body).not.toContain('a-hammer');
    }
  });

  it("counts a vendor's week with @hartslag/slo's report: exactly the calls its pharmacies made", async () => {
    const week = isoWeek(Date.now());
    const before = await lastAuditId();
    const csv = await get(`/v1/partners/vendor/vendor-a/report?week=${week}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="sla-vendor-a-${week}.csv"`);
    const [header, row, ...rest] = csv.body.trimEnd().split('\r\n');
    expect(rest).toEqual([]);
    const fields = Object.fromEntries(header!.split(',').map((k, i) => [k, row!.split(',')[i]]));
    const own = TENANTS['vendor-a']!;
    const calls = service.counted.calls(own);
    const failed = service.counted.calls(own, ['server_error', 'timeout']);
    expect(fields).toMatchObject({
      slo: OPERATION,
      service: SERVICE,
      objective: String(OBJECTIVE),
      calls: String(calls),
      failed_calls: String(failed),
      availability: String(1 - failed / calls),
    });
    // The vendor's own codes and p95 over the week, as two more columns of the SLO's row.
    expect(Number(fields.p95_seconds)).toBeGreaterThan(0.01);
    expect(Number(fields.p95_seconds)).toBeLessThanOrEqual(0.025);
    expect(fields.codes!.split(';').map((c) => c.split(':')[0])).toEqual([
      CODES.denied,
      CODES.client_error,
      CODES.server_error,
    ]);
    const json = (
      await get(`/v1/partners/vendor/vendor-b/report?week=${week}&format=json`, bearer(TOKENS.vendorB))
    ).json();
    expect(json.slos[0].calls).toBe(service.counted.calls(TENANTS['vendor-b']!));
    expect(json.slice).toBe('Medisys (vendor vendor-b)');
    expect(json.codes.map((c: { code: string }) => c.code).sort()).toEqual(
      [CODES.denied, CODES.server_error, CODES.timeout].sort(),
    );
    expect(json.latency).toHaveLength(1);
    expect(json.latency[0].p95Seconds).toBeGreaterThan(0.25);
    expect(json.latency[0].p95Seconds).toBeLessThanOrEqual(0.5);
    expect(json.unavailable).toEqual([]);
    for (const other of ['vendor-a', 'vendor-c', ...TENANTS['vendor-a']!]) {
      expect(JSON.stringify(json)).not.toContain(other);
    }

    const html = await get(`/v1/partners/vendor/vendor-a/report?week=${week}&lang=en`);
    expect(html.statusCode).toBe(200);
    expect(html.body).not.toContain('<img');
    expect(html.body).toContain('Pharma &quot;Soft&quot; &lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(html.body).toContain('<h2>Failed calls by code</h2>');
    expect(html.body).toMatch(
      /<td>no_contract<\/td><td>medication-history \/ fetch-medication-history<\/td><td>\d+<\/td>/,
    );
    for (const other of [...OTHERS, CODES.timeout]) expect(html.body + csv.body).not.toContain(other);

    const rows = await auditSince(before);
    expect(rows.map((r) => [r.actor, r.action, r.target, r.detail])).toEqual([
      ['vendor-a-portal', 'partner.report', 'vendor:vendor-a', { week, format: 'csv' }],
      ['vendor-b-portal', 'partner.report', 'vendor:vendor-b', { week, format: 'json' }],
      ['vendor-a-portal', 'partner.report', 'vendor:vendor-a', { week, format: 'html' }],
    ]);
  });

  it.each(LANGUAGES)(
    'speaks %s on the page and in the weekly report, by ?lang= and by Accept-Language',
    async (lang) => {
      const m = PARTNER_MESSAGES[lang];
      const others = LANGUAGES.filter((l) => l !== lang).map((l) => PARTNER_MESSAGES[l]);
      const week = isoWeek(Date.now());
      const pages = [
        await get(`/partners/vendor/vendor-a?lang=${lang}`),
        await get('/partners/vendor/vendor-a', {
          ...bearer(TOKENS.vendorA),
          'accept-language': `${lang}-BE, xx;q=0.5`,
        }),
      ];
      for (const page of pages) {
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(`<html lang="${lang}"`);
        for (const text of [m.codes, m.latency, m.refused, m.head.platformErrors]) expect(page.body).toContain(text);
        // Words of no other language: each language's headings differ from every other's.
        for (const o of others) expect(page.body).not.toContain(`<h2>${o.refused}</h2>`);
        for (const other of [...OTHERS, CODES.timeout]) expect(page.body).not.toContain(other);
      }
      const report = await get(`/v1/partners/vendor/vendor-a/report?week=${week}`, {
        ...bearer(TOKENS.vendorA),
        'accept-language': lang,
      });
      expect(report.statusCode).toBe(200);
      expect(report.body).toContain(`<html lang="${lang}"`);
      expect(report.body).toContain(`<h2>${m.report.codes}</h2>`);
      expect(report.body).toContain(`<th>${m.report.head.availability}</th>`);
      for (const o of others) expect(report.body).not.toContain(`<h2>${o.report.codes}</h2>`);
      // A tenant group's report names the missing figures in the same language.
      const group = await get(
        `/v1/partners/tenant-group/noord-oost/report?week=${week}&lang=${lang}`,
        bearer(TOKENS.group),
      );
      expect(group.body).toContain(m.unavailable.error_codes);
    },
  );

  it('refuses a language it does not speak in the report, once the token checked out', async () => {
    const res = await get(`/v1/partners/vendor/vendor-a/report?week=${isoWeek(Date.now())}&lang=xx`);
    expect(res.statusCode).toBe(400);
    // The page falls back instead, as the status page does.
    const page = await get('/partners/vendor/vendor-a?lang=xx', { ...bearer(TOKENS.vendorA), 'accept-language': 'de' });
    expect(page.body).toContain('<html lang="de"');
  });

  it("counts a tenant group's week from its tenants' series", async () => {
    const week = isoWeek(Date.now());
    const res = await get(`/v1/partners/tenant-group/noord-oost/report?week=${week}&format=json`, bearer(TOKENS.group));
    expect(res.statusCode).toBe(200);
    expect(res.json().slos[0].calls).toBe(service.counted.calls(GROUP));
    expect(res.json().codes).toEqual([]);
    expect(res.json().unavailable.map((u: { figure: string }) => u.figure)).toEqual(['error_codes', 'latency_p95']);
  });

  it('writes the same report on the command line, and audits it as the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hartslag-partner-cli-'));
    try {
      const file = join(dir, 'status.yaml');
      writeFileSync(
        file,
        `apiVersion: hartslag.status/v1
page: { name: Apotheek Datahub, timeZone: UTC }
source: { kind: prometheus, url: "${prometheus.url}", refresh: 15s, timeout: 5s }
components:
  - { id: medication-history, name: Medicatiehistorie, slos: [${OPERATION}] }
partners:
  vendors: [{ id: vendor-a, name: Pharma Soft }]
storage: { sqlite: ./status.sqlite }
`,
      );
      let out = '';
      let err = '';
      const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), env: {} };
      const week = isoWeek(Date.now());
      const argv = ['partner-report', '--config', file, '--vendor', 'vendor-a', '--week', week, '--format', 'csv'];
      expect(await run(argv, io), err).toBe(0);
      const csvOut = out;
      out = '';
      const htmlArgv = ['partner-report', '--config', file, '--vendor', 'vendor-a', '--week', week, '--lang', 'fr'];
      expect(await run(htmlArgv, io), err).toBe(0);
      expect(out).toContain('<html lang="fr"');
      expect(out).toContain(`<h2>${PARTNER_MESSAGES.fr.report.codes}</h2>`);
      expect(await run([...htmlArgv.slice(0, -1), 'xx'], io)).toBe(2);
      expect(err).toContain('--lang must be one of nl, fr, en, de');
      err = '';
      out = csvOut;
      const own = TENANTS['vendor-a']!;
      expect(out.split('\r\n')[1]?.split(',')[4]).toBe(String(service.counted.calls(own)));
      const cliStore = await openStore({ sqlitePath: join(dir, 'status.sqlite') });
      try {
        const rows = await cliStore.listAudit({ limit: 10 });
        expect(rows.map((r) => [r.actor, r.action, r.target, r.detail])).toEqual([
          ['hartslag-status-cli', 'partner.report', 'vendor:vendor-a', { week, format: 'html' }],
          ['hartslag-status-cli', 'partner.report', 'vendor:vendor-a', { week, format: 'csv' }],
        ]);
      } finally {
        await cliStore.close();
      }
      // A vendor the configuration does not list: exit 1, nothing written.
      err = '';
      expect(await run(['partner-report', '--config', file, '--vendor', 'vendor-b', '--week', week], io)).toBe(1);
      expect(err).toContain('no vendor "vendor-b" under partners');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 401 before looking at the path or the query, whatever they hold', async () => {
    for (const url of [
      `/v1/partners/vendor/${'x'.repeat(99)}`,
      '/v1/partners/vendor/vendor-b/report',
      `/partners/tenant-group/${encodeURIComponent('noord-\u043eost')}`,
    ]) {
      expect((await get(url, {})).statusCode, url).toBe(401);
    }
  });

  it('checks the week only once the token checked out', async () => {
    const res = await get('/v1/partners/vendor/vendor-a/report?week=2026-49');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('HARTSLAG_ERR_HTTP_BAD_REQUEST');
    expect((await get('/v1/partners/vendor/vendor-a/report?week=2027-W53')).statusCode).toBe(400);
  });
});

describe('partner views without Prometheus', () => {
  it('answer 503 with a code, and audit nothing as read', async () => {
    const logged: string[] = [];
    const { app, store } = await buildStatusApi({
      page: { name: 'Apotheek Datahub' },
      components: [],
      source: { kind: 'embedded', read: async () => ({ at: Date.now(), slos: new Map() }) },
      tokens: [{ name: 'vendor-a-portal', sha256: hashToken(TOKENS.vendorA), scopes: ['read:vendor:vendor-a'] }],
      partners: {
        vendors: [{ id: 'vendor-a', name: 'A' }],
        tenantGroups: [],
        prometheus: { url: 'http://127.0.0.1:9' },
      },
      log: (m) => logged.push(m),
    });
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/v1/partners/vendor/vendor-a',
        headers: bearer(TOKENS.vendorA),
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: 'the metrics source cannot be read right now',
        code: 'HARTSLAG_ERR_HTTP_SOURCE_UNAVAILABLE',
        statusCode: 503,
      });
      expect(res.body).not.toContain('127.0.0.1');
      expect(logged).toEqual(['cannot read a partner view from Prometheus']);
      expect(await store.listAudit({ limit: 10 })).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('refuse to start with a token bound to a partner that is not configured', async () => {
    await expect(
      buildStatusApi({
        page: { name: 'Apotheek Datahub' },
        components: [],
        source: { kind: 'embedded', read: async () => ({ at: Date.now(), slos: new Map() }) },
        tokens: [{ name: 'typo', sha256: hashToken(TOKENS.vendorA), scopes: ['read:vendor:vendr-a'] }],
      }),
    ).rejects.toMatchObject({
      code: 'HARTSLAG_ERR_AUTH_TOKENS',
      message: expect.stringContaining('typo: read:vendor:vendr-a'),
    });
  });
});
