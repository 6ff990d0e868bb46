/**
 * Issue 24, "Recording that no input can break": one test per defect it lists, named after it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { promtoolCheckMetrics } from '@hartslag/testkit';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { openExposition } from '../../src/export/prometheus/ExpositionStream.js';
import {
  type CallRecord,
  type CareMetrics,
  careMetricsMiddleware,
  careMetricsPlugin,
  createCareMetrics,
  type HartslagError,
  RecordError,
} from '../../src/index.js';
import { parseExposition } from '../support/exposition.js';
import { tables } from '../support/internals.js';

const service = 'hub';
const quiet = { onWarning: () => {} };

async function scrape(m: CareMetrics) {
  const text = await m.registry!.metrics();
  return { text, samples: parseExposition(text).samples };
}

const errors = (samples: Map<string, number>, reason: string) =>
  samples.get(`care_instrumentation_errors_total{reason="${reason}",service="${service}"}`);

const calls = (samples: Map<string, number>, labels: string) => samples.get(`care_calls_total{${labels}}`);

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('issue 24: exceptions reach the caller', () => {
  it('a getter that throws a Symbol no longer breaks the error message template', async () => {
    const warnings: HartslagError[] = [];
    const m = createCareMetrics({ service, onWarning: (e) => warnings.push(e) });
    const call = {
      operation: 'a',
      outcome: 'success',
      get tenant(): string {
        throw Symbol('no tenant');
      },
    } as CallRecord;
    expect(() => m.recordCall(call)).not.toThrow();
    expect(() => m.instrumentationError(Symbol('thrown'))).not.toThrow();
    expect(() => m.instrumentationError(Object.create(null))).not.toThrow();
    const { samples } = await scrape(m);
    // The call is still counted, under the placeholder tenant.
    expect(
      samples.get(
        `care_tenant_calls_total{outcome="success",service="${service}",tenant="__invalid__",vendor="unknown"}`,
      ),
    ).toBe(1);
    expect(errors(samples, 'input')).toBe(1);
    expect(errors(samples, 'internal')).toBe(2);
    expect(warnings[0]!.message).toContain('getter threw');
  });

  it('a null-prototype object as a label value is counted, not thrown', async () => {
    const m = createCareMetrics({ service, ...quiet });
    m.recordCall({ operation: Object.create(null), outcome: 'success', code: Object.create(null) });
    const { samples } = await scrape(m);
    expect(calls(samples, `code="__invalid__",operation="__invalid__",outcome="success",service="${service}"`)).toBe(1);
    expect(errors(samples, 'label')).toBe(2);
  });

  it('start().end(x) reads x inside a guard: a throwing outcome getter is counted, a throwing code still records the call', async () => {
    const m = createCareMetrics({ service, ...quiet });
    const throwing = (key: string) =>
      Object.defineProperty({ outcome: 'server_error' as const }, key, {
        get() {
          throw new Error(`no ${key}`);
        },
      });
    expect(() => m.start('login').end(throwing('outcome'))).not.toThrow();
    expect(() => m.start('login').end(throwing('code'))).not.toThrow();
    expect(() => m.start('login').end('success' as never)).not.toThrow();
    const { samples } = await scrape(m);
    expect(calls(samples, `code="__invalid__",operation="login",outcome="server_error",service="${service}"`)).toBe(1);
    expect(errors(samples, 'input')).toBe(3);
  });

  it('metrics.start(42) no longer throws without strict: the operation is "42"', async () => {
    const m = createCareMetrics({ service, ...quiet });
    expect(() => m.start(42).end()).not.toThrow();
    const { samples } = await scrape(m);
    expect(calls(samples, `code="",operation="42",outcome="success",service="${service}"`)).toBe(1);
    expect(m.instrumentationErrors).toBe(0);
  });

  it('strict mode throws only documented errors, wrapping what was thrown at us', () => {
    const m = createCareMetrics({ service, strict: true });
    const symbol = Symbol('thrown');
    let caught: unknown;
    try {
      m.recordCall({
        operation: 'a',
        outcome: 'success',
        get tenant(): string {
          throw symbol;
        },
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RecordError);
    expect((caught as RecordError).reason).toBe('input');
    let wrapped: unknown;
    try {
      m.instrumentationError(symbol, 'resolver');
    } catch (err) {
      wrapped = err;
    }
    expect(wrapped).toMatchObject({ code: 'HARTSLAG_ERR_RECORD_INVALID', reason: 'resolver', cause: symbol });
  });

  it('a tenant resolver that throws no longer crashes a plain node http server', async () => {
    const m = createCareMetrics({ service, ...quiet });
    const mw = careMetricsMiddleware({
      metrics: m,
      operation: () => 'GET /x',
      tenant: () => {
        throw Symbol('resolver down');
      },
    });
    server = createServer((req, res) => {
      mw(req, res);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    for (let i = 0; i < 3; i++) expect((await fetch(`http://127.0.0.1:${port}/x`)).status).toBe(200);
    const { samples } = await scrape(m);
    expect(calls(samples, `code="200",operation="GET /x",outcome="success",service="${service}"`)).toBe(3);
    expect(errors(samples, 'resolver')).toBe(3);
  });
});

describe('issue 24: one bad value stops every later scrape', () => {
  const bad: [string, unknown][] = [
    ['a Symbol', Symbol('s')],
    ['a null-prototype object', Object.create(null)],
    [
      'an object whose toString throws',
      {
        toString() {
          throw new Error('no text');
        },
      },
    ],
    ['an object whose text holds a quote, a backslash and a newline', { toString: () => 'a"b\\c\nd' }],
    ['an array whose text holds a quote', ['a"b']],
  ];
  for (const [what, value] of bad) {
    it(`${what} as code, tenant or vendor: counted, and every later scrape is served and parses`, async () => {
      const m = createCareMetrics({ service, ...quiet });
      const app = Fastify();
      await app.register(careMetricsPlugin, { metrics: m, metricsRoute: '/metrics' });
      m.recordCall({ operation: 'a', outcome: 'success', code: value as string });
      m.recordCall({ operation: 'a', outcome: 'success', tenant: value as string, vendor: value as string });
      for (let i = 0; i < 2; i++) {
        const res = await app.inject({ method: 'GET', url: '/metrics' });
        expect(res.statusCode).toBe(200);
        const samples = parseExposition(res.body).samples;
        expect(errors(samples, 'label')).toBe(3);
        expect(
          samples.get(
            `care_tenant_calls_total{outcome="success",service="${service}",tenant="__invalid__",vendor="__invalid__"}`,
          ),
        ).toBe(1);
      }
      await app.close();
    });
  }

  it('label values are escaped in one place for every type: a string with a quote, backslash and newline parses back', async () => {
    const m = createCareMetrics({ service, ...quiet });
    m.recordCall({ operation: 'a', outcome: 'success', code: 'a"b\\c\nd', tenant: 'x"\\\n' });
    const { samples, text } = await scrape(m);
    expect(calls(samples, `code="a"b\\c\nd",operation="a",outcome="success",service="${service}"`)).toBe(1);
    expect(promtoolCheckMetrics(text).output).toBe('');
  });
});

describe('issue 24: unparseable exposition that grows', () => {
  it("seconds '0.5', [5] or a Date no longer make _sum a string: counted, the call recorded without latency", async () => {
    const m = createCareMetrics({ service, ...quiet });
    for (const seconds of ['0.5', [5], new Date(), Number.NaN, -1]) {
      m.recordCall({ operation: 'a', outcome: 'success', seconds: seconds as number });
    }
    m.recordCall({ operation: 'a', outcome: 'success', seconds: 0.25 });
    const { samples, text } = await scrape(m);
    const h = `operation="a",outcome="success",service="${service}"`;
    expect(samples.get(`care_call_duration_seconds_sum{${h}}`)).toBe(0.25);
    expect(samples.get(`care_call_duration_seconds_count{${h}}`)).toBe(1);
    expect(calls(samples, `code="",${h}`)).toBe(6);
    expect(errors(samples, 'duration')).toBe(5);
    expect(promtoolCheckMetrics(text).output).toBe('');
  });

  it('bigint seconds are nanoseconds (process.hrtime.bigint): the +Inf bucket equals _count', async () => {
    const m = createCareMetrics({ service, ...quiet });
    const started = process.hrtime.bigint();
    m.recordCall({ operation: 'a', outcome: 'success', seconds: 1_500_000_000n });
    m.recordCall({ operation: 'a', outcome: 'success', seconds: process.hrtime.bigint() - started });
    m.recordCall({ operation: 'a', outcome: 'success', seconds: -1n });
    const { samples } = await scrape(m);
    const h = `operation="a",outcome="success",service="${service}"`;
    expect(samples.get(`care_call_duration_seconds_count{${h}}`)).toBe(2);
    expect(samples.get(`care_call_duration_seconds_bucket{le="+Inf",${h}}`)).toBe(2);
    expect(samples.get(`care_call_duration_seconds_bucket{le="1",${h}}`)).toBe(1);
    expect(samples.get(`care_call_duration_seconds_sum{${h}}`)).toBeGreaterThanOrEqual(1.5);
    expect(errors(samples, 'duration')).toBe(1);
  });

  it('a _sum that overflows to infinity is written as +Inf, which parsers accept', async () => {
    const m = createCareMetrics({ service, ...quiet });
    m.recordCall({ operation: 'a', outcome: 'success', seconds: Number.MAX_VALUE });
    m.recordCall({ operation: 'a', outcome: 'success', seconds: Number.MAX_VALUE });
    const { text, samples } = await scrape(m);
    expect(text).toContain(`care_call_duration_seconds_sum{service="${service}",operation="a",outcome="success"} +Inf`);
    expect(samples.get(`care_call_duration_seconds_count{operation="a",outcome="success",service="${service}"}`)).toBe(
      2,
    );
  });
});

describe('issue 24: patient numbers exported', () => {
  const BSN = '123456782';
  const EMAIL = 'j.jansen@example.nl';
  it('a BSN given as a number or a BigInt is redacted like the string', async () => {
    const m = createCareMetrics({ service, ...quiet });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: Number(BSN), vendor: BigInt(BSN), code: Number(BSN) });
    const { text, samples } = await scrape(m);
    expect(text).not.toContain(BSN);
    for (const label of ['tenant', 'vendor', 'code']) {
      expect(samples.get(`care_label_redactions_total{label="${label}",service="${service}"}`)).toBe(1);
    }
  });

  it('an object whose toString returns a BSN or an e-mail address is never printed: it is "__invalid__"', async () => {
    const m = createCareMetrics({ service, ...quiet });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: { toString: () => BSN } as never });
    m.recordCall({ operation: 'a', outcome: 'success', code: { toString: () => EMAIL } as never });
    const registry = m.registry!;
    const text = await registry.metrics();
    registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as never);
    const openMetrics = await registry.metrics();
    const json = JSON.stringify(await registry.getMetricsAsJSON());
    for (const out of [text, openMetrics, json]) {
      expect(out).not.toContain(BSN);
      expect(out).not.toContain('jansen');
    }
  });
});

describe('issue 24: series and memory', () => {
  it('objects that print alike share one series (both "__invalid__")', async () => {
    const m = createCareMetrics({ service, ...quiet });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: {} as never, code: {} as never });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: {} as never, code: [] as never });
    const { samples } = await scrape(m);
    expect(calls(samples, `code="__invalid__",operation="a",outcome="success",service="${service}"`)).toBe(2);
  });

  it('tenants equal in their first 128 characters stay distinct series, without duplicates', async () => {
    const m = createCareMetrics({ service, ...quiet });
    const prefix = 't'.repeat(128);
    for (const id of ['a', 'b', 'a']) m.recordCall({ operation: 'a', outcome: 'success', tenant: prefix + id });
    const { samples } = await scrape(m);
    const rows = [...samples].filter(([k]) => k.startsWith('care_tenant_calls_total{') && k.includes('tttt'));
    expect(rows.map(([, v]) => v).sort()).toEqual([1, 2]);
    for (const [k] of rows) expect(/tenant="(t{116})…[a-z]{11}"/.test(k)).toBe(true);
  });

  it('a number and its text name one tenant series', async () => {
    const m = createCareMetrics({ service, ...quiet });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: 4711, code: 200 });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: '4711', code: '200' });
    const { samples } = await scrape(m);
    expect(
      samples.get(`care_tenant_calls_total{outcome="success",service="${service}",tenant="4711",vendor="unknown"}`),
    ).toBe(2);
    expect(calls(samples, `code="200",operation="a",outcome="success",service="${service}"`)).toBe(2);
  });

  it('a re-entrant vendorOf (recording the same tenant while it is looked up) leaves one series', async () => {
    let m: CareMetrics | undefined;
    m = createCareMetrics({
      service,
      ...quiet,
      tenants: {
        vendorOf: (tenant) => {
          // e.g. an audit call recorded by the vendor lookup itself.
          m!.recordCall({ operation: 'lookup', outcome: 'success', tenant });
          return 'medisys';
        },
      },
    });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: 'apotheek-1' });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: 'apotheek-1' });
    const { samples } = await scrape(m);
    const rows = [...samples].filter(([k]) => k.startsWith('care_tenant_calls_total{') && k.includes('apotheek-1'));
    // The nested call is recorded without asking vendorOf again (no endless recursion), then
    // the outer one joins the series it made.
    expect(rows).toEqual([
      [`care_tenant_calls_total{outcome="success",service="${service}",tenant="apotheek-1",vendor="unknown"}`, 3],
    ]);
    expect(m.instrumentationErrors).toBe(0);
  });

  it('truncation never splits a surrogate pair, and lone surrogates become U+FFFD', async () => {
    const m = createCareMetrics({ service, ...quiet });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: '😀'.repeat(100) });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: 'x\ud800y' });
    const { text, samples } = await scrape(m);
    expect((text as unknown as { isWellFormed(): boolean }).isWellFormed()).toBe(true);
    expect(
      samples.get(`care_tenant_calls_total{outcome="success",service="${service}",tenant="x\ufffdy",vendor="unknown"}`),
    ).toBe(1);
    const long = [...samples.keys()].find((k) => k.includes('😀'))!;
    expect(/tenant="(😀)+…[a-z]{11}"/.test(long)).toBe(true);
  });

  it('100,000 distinct 200-character vendors sharing a 127-character prefix keep the vendor index within its cap', () => {
    const m = createCareMetrics({ service, registry: false, ...quiet });
    const prefix = 'v'.repeat(127);
    for (let i = 0; i < 100_000; i++) {
      m.recordCall({
        operation: 'a',
        outcome: 'success',
        tenant: `t${i}`,
        vendor: `${prefix}${String(i).padStart(73, '0')}`,
      });
    }
    const index = (tables(m).vendors as unknown as { index: Map<string, number> }).index;
    // 1,000 vendors (the cap, less what 64 KiB of names allows) plus the placeholders.
    expect(tables(m).vendors.size).toBeLessThanOrEqual(1_000 + 2);
    expect(index.size).toBe(tables(m).vendors.size);
    expect(tables(m).vendors.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it('2,000 distinct 100 kB tenant ids are bounded in bytes, not only in count', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const m = createCareMetrics({ service, registry: false, ...quiet });
    gc();
    const before = process.memoryUsage().heapUsed;
    const base = 'p'.repeat(100_000);
    for (let i = 0; i < 2_000; i++) m.recordCall({ operation: 'a', outcome: 'success', tenant: `${i}-${base}` });
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(tables(m).tenants.size).toBe(2_000);
    // Each id is kept as its 128-character label: ~0.5 MB of text, not 200 MB.
    expect(tables(m).tenants.bytes).toBeLessThanOrEqual(2_000 * 2 * 128);
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });

  it('the tenant byte cap makes long ids share the capped series, never grow past it', () => {
    const m = createCareMetrics({ service, registry: false, ...quiet, tenants: { maxBytes: 10 * 256 } });
    for (let i = 0; i < 100; i++) m.recordCall({ operation: 'a', outcome: 'success', tenant: `${i}`.padEnd(200, 'x') });
    expect(tables(m).tenants.size).toBe(10);
    expect(tables(m).tenants.bytes).toBeLessThanOrEqual(10 * 256);
  });

  it('a long id does not replace a short one past the byte cap', () => {
    const m = createCareMetrics({ service, registry: false, ...quiet, tenants: { max: 10, maxBytes: 256 } });
    for (let i = 0; i < 10; i++)
      m.recordCall({ operation: 'a', outcome: 'success', tenant: `apotheek-${i}`.padEnd(12, '-') });
    const full = tables(m).tenants.bytes;
    for (let i = 0; i < 100; i++) m.recordCall({ operation: 'a', outcome: 'success', tenant: `${i}`.padEnd(120, 'x') });
    expect(tables(m).tenants.size).toBe(10);
    expect(tables(m).tenants.bytes).toBe(full);
    expect(tables(m).tenants.overflowTotal).toBe(100);
  });
});

describe('issue 24: an exporter that meets an unexpected error', () => {
  /** A bug in the vendor table, as an exporter would meet it. */
  const breakVendorTable = (m: CareMetrics) =>
    Object.defineProperty(tables(m).vendors, 'names', {
      get() {
        throw new Error('bug');
      },
    });

  it('drops only that family, counts it, says so in a comment line, and serves the rest', async () => {
    const warnings: HartslagError[] = [];
    const m = createCareMetrics({ service, onWarning: (e) => warnings.push(e) });
    m.recordCall({ operation: 'a', outcome: 'success', tenant: 'apotheek-1' });
    breakVendorTable(m);
    const text = await m.registry!.metrics();
    const parsed = parseExposition(text);
    expect(parsed.comments).toEqual([
      '# care_tenant_calls_total left out of this scrape: rendering failed',
      '# care_vendor_calls_total left out of this scrape: rendering failed',
    ]);
    expect(calls(parsed.samples, `code="",operation="a",outcome="success",service="${service}"`)).toBe(1);
    expect(errors(parsed.samples, 'export')).toBe(2);
    expect(warnings.map((w) => w.code)).toEqual(['HARTSLAG_ERR_EXPORT_FAMILY']);
    const json = await m.registry!.getMetricsAsJSON();
    expect(json.find((f) => f.name === 'care_vendor_calls_total')?.values).toEqual([]);
    m.registry!.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as never);
    const om = parseExposition(await m.registry!.metrics(), 'openmetrics');
    expect(om.types.get('care_vendor_calls')).toBe('counter');
  });

  it('the streamed exposition isolates the failing family the same way, piece by piece', async () => {
    const m = createCareMetrics({ service, ...quiet });
    for (let i = 0; i < 50; i++) m.recordCall({ operation: 'a', outcome: 'success', tenant: `apotheek-${i}` });
    breakVendorTable(m);
    // Small pieces, so the failing families sit between many streamed ones.
    const stream = await openExposition(m.registry!, 256);
    let streamed = '';
    for await (const piece of stream) streamed += piece;
    const parsed = parseExposition(streamed);
    expect(parsed.comments).toEqual([
      '# care_tenant_calls_total left out of this scrape: rendering failed',
      '# care_vendor_calls_total left out of this scrape: rendering failed',
    ]);
    expect(calls(parsed.samples, `code="",operation="a",outcome="success",service="${service}"`)).toBe(50);
    expect(errors(parsed.samples, 'export')).toBe(2);
  });
});
