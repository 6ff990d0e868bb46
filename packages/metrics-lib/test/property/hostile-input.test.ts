/**
 * Recording that no input can break (issue 24), as properties over every hostile kind of value
 * (test/support/hostile.ts), through every public entry: recordCall, operation handles, timers and
 * the fastify and http adapters. For each: no exception escapes, every scrape parses strictly in
 * both text formats, JSON and OTLP, no fed-in BSN or e-mail appears in any output, and memory stays
 * within its caps. About 100,000 runs in all per CI build; HARTSLAG_FC_RUNS=1000000 (`pnpm soak`)
 * runs ten times as many.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { promtoolCheckMetrics } from '@hartslag/testkit';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import Fastify from 'fastify';
import { inject } from 'light-my-request';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CallEnd,
  type CallRecord,
  type CareMetrics,
  careMetricsMiddleware,
  careMetricsPlugin,
  createCareMetrics,
  ERROR_CODES,
  HartslagError,
  type LabelValue,
  OUTCOMES,
  type Outcome,
} from '../../src/index.js';
import { CareMetricProducer } from '../../src/otel.js';
import { parseExposition } from '../support/exposition.js';
import {
  hostileEnd,
  hostileOutcome,
  hostileRecord,
  hostileSeconds,
  hostileValue,
  isDocumented,
  type Make,
  SECRETS,
} from '../support/hostile.js';
import { tables } from '../support/internals.js';

const TOTAL = Number(process.env.HARTSLAG_FC_RUNS ?? 100_000);
const runs = (share: number) => Math.max(50, Math.round(TOTAL * share));
/** Generous per-test time for the soak; the CI run takes a few seconds in all. */
const TIMEOUT = Math.max(60_000, TOTAL / 5);
const quiet = { onWarning: () => {} };
/** Small caps, so a property reaches them within its runs. */
const SMALL = {
  tenants: { max: 200, maxVendors: 40, maxBytes: 16 * 1024, maxVendorBytes: 4 * 1024 },
  limits: { operations: 60, codesPerOperation: 16, codeBytesPerOperation: 1024 },
};

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A local OTLP/HTTP endpoint keeping the bodies it receives. */
let otlpUrl = '';
const otlpBodies: string[] = [];
const otlp = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => {
    body += c;
  });
  req.on('end', () => {
    otlpBodies.push(body);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => otlp.listen(0, '127.0.0.1', resolve));
  otlpUrl = `http://127.0.0.1:${(otlp.address() as AddressInfo).port}/v1/metrics`;
});
afterAll(() => new Promise<void>((resolve) => otlp.close(() => resolve())));

async function otlpBody(m: CareMetrics): Promise<string> {
  const before = otlpBodies.length;
  const reader = new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter({ url: otlpUrl }),
    exportIntervalMillis: 3_600_000,
    metricProducers: [new CareMetricProducer(m)],
  });
  const provider = new MeterProvider({ readers: [reader] });
  await reader.forceFlush();
  await provider.shutdown();
  return otlpBodies.slice(before).join('\n');
}

/**
 * Every output of `m`: both text formats parsed strictly, prom-client's JSON, and an OTLP export.
 * Returns the text exposition and its samples.
 */
async function checkOutputs(m: CareMetrics, { all = true } = {}) {
  const registry = m.registry!;
  const text = await registry.metrics();
  const parsed = parseExposition(text, 'text');
  let openMetrics = '';
  if (all) {
    registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as never);
    openMetrics = await registry.metrics();
    registry.setContentType(Registry.PROMETHEUS_CONTENT_TYPE as never);
    parseExposition(openMetrics, 'openmetrics');
  }
  const json = all ? JSON.stringify(await registry.getMetricsAsJSON()) : '';
  const otlpText = all ? await otlpBody(m) : '';
  if (all) JSON.parse(otlpText.split('\n')[0]!);
  for (const [name, out] of [
    ['text', text],
    ['OpenMetrics', openMetrics],
    ['JSON', json],
    ['OTLP', otlpText],
  ] as const) {
    for (const s of SECRETS) {
      if (out.includes(s)) {
        const at = out.indexOf(s);
        throw new Error(
          `${name} output holds fed-in patient data ${s}: …${JSON.stringify(out.slice(Math.max(0, at - 200), at + 60))}`,
        );
      }
    }
  }
  // An exporter that had to leave a family out would say so: none may here.
  expect(parsed.comments).toEqual([]);
  return { text, samples: parsed.samples };
}

/** Memory held by the aggregate stays within its caps, however hostile the input. */
function expectBounded(m: CareMetrics): void {
  const t = tables(m).tenants;
  const index = (o: object, key: string) => (o as unknown as Record<string, Map<unknown, unknown>>)[key]!.size;
  expect(t.size).toBeLessThanOrEqual(SMALL.tenants.max);
  expect(index(t, 'slotOf')).toBe(t.size);
  expect(t.bytes).toBeLessThanOrEqual(SMALL.tenants.maxBytes + 2 * 128);
  // Placeholders (unknown, __other__, __redacted__, __invalid__) come on top of the cap.
  expect(tables(m).vendors.size).toBeLessThanOrEqual(SMALL.tenants.maxVendors + 4);
  expect(index(tables(m).vendors, 'index')).toBe(tables(m).vendors.size);
  expect(tables(m).vendors.bytes).toBeLessThanOrEqual(SMALL.tenants.maxVendorBytes);
  expect(tables(m).calls.slots.length).toBeLessThanOrEqual(SMALL.limits.operations + 3);
  for (const slot of tables(m).calls.slots) {
    const labels = new Set(slot.series.map((s) => s.code));
    expect(labels.size).toBeLessThanOrEqual(SMALL.limits.codesPerOperation + 4);
    for (const map of slot.byCode) expect(map.size).toBeLessThanOrEqual(2 * SMALL.limits.codesPerOperation);
  }
}

function readable(record: unknown, key: string): { ok: boolean; value: unknown } {
  if (record === null || typeof record !== 'object') return { ok: false, value: undefined };
  try {
    return { ok: true, value: (record as Record<string, unknown>)[key] };
  } catch {
    return { ok: false, value: undefined };
  }
}

const isOutcome = (v: unknown): v is Outcome => typeof v === 'string' && (OUTCOMES as readonly string[]).includes(v);

function validSeconds(v: unknown): boolean {
  if (typeof v === 'number') return v >= 0 && v !== Infinity;
  return typeof v === 'bigint' && v >= 0n && Number(v) / 1e9 !== Infinity;
}

const total = (samples: Map<string, number>, prefix: string) => {
  let n = 0;
  for (const [k, v] of samples) if (k.startsWith(prefix)) n += v;
  return n;
};

describe('recording that no input can break', () => {
  it(
    'recordCall: no exception escapes, outputs parse and hold no patient data, memory stays within the caps',
    async () => {
      const m = createCareMetrics({ service: 'hub', ...quiet, ...SMALL });
      // Warm up the tables, so the heap figure below measures growth, not first allocation.
      m.recordCall({ operation: 'login', outcome: 'success', tenant: 't', vendor: 'v', seconds: 0.1 });
      const before = heapAfterGc();
      const escaped: unknown[] = [];
      fc.assert(
        fc.property(hostileRecord, (record) => {
          try {
            m.recordCall(record() as CallRecord);
          } catch (err) {
            escaped.push(err);
          }
        }),
        { numRuns: runs(0.45) },
      );
      expect(escaped).toEqual([]);
      expectBounded(m);
      const grown = heapAfterGc() - before;
      // The caps above hold at most ~100 kB of label text; allow for V8's own bookkeeping.
      expect(grown).toBeLessThan(24 * 1024 * 1024);
      const { text } = await checkOutputs(m);
      expect(m.instrumentationErrors).toBeGreaterThan(0);
      const check = promtoolCheckMetrics(text);
      expect(check.output).toBe('');
    },
    TIMEOUT,
  );

  it(
    'handles and timers: no exception escapes and every output parses',
    async () => {
      const m = createCareMetrics({ service: 'hub', ...quiet, ...SMALL });
      const handle = m.operation('fetch-prescription');
      const escaped: unknown[] = [];
      const v = (f: Make) => f() as LabelValue;
      const call = fc.oneof(
        fc.tuple(hostileOutcome, hostileSeconds, hostileValue, hostileValue, hostileValue).map(
          ([o, s, c, t, ven]) =>
            () =>
              handle.record(o() as Outcome, s() as number, v(c), v(t), v(ven)),
        ),
        fc.tuple(hostileValue, hostileOutcome, hostileSeconds, hostileValue).map(
          ([op, o, s, c]) =>
            () =>
              m.operation(v(op)).record(o() as Outcome, s() as number, v(c)),
        ),
        fc.tuple(hostileValue, hostileValue, hostileValue, hostileEnd).map(
          ([op, t, ven, end]) =>
            () =>
              m.start(v(op), v(t), v(ven)).end(end() as CallEnd),
        ),
        fc.tuple(hostileValue, hostileEnd).map(
          ([t, end]) =>
            () =>
              handle.start(v(t)).end(end() as CallEnd),
        ),
      );
      fc.assert(
        fc.property(call, (run) => {
          try {
            run();
          } catch (err) {
            escaped.push(err);
          }
        }),
        { numRuns: runs(0.35) },
      );
      expect(escaped).toEqual([]);
      expectBounded(m);
      await checkOutputs(m);
    },
    TIMEOUT,
  );

  it(
    'counts exactly the calls with a valid outcome, with latency exactly when the duration is valid',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(hostileRecord, { minLength: 1, maxLength: 6 }), async (makers) => {
          const records = makers.map((f) => f());
          const m = createCareMetrics({ service: 'hub', ...quiet, ...SMALL, tenants: { ...SMALL.tenants, max: 4 } });
          let calls = 0;
          let timed = 0;
          let withTenant = 0;
          let withVendor = 0;
          for (const r of records) {
            const outcome = readable(r, 'outcome');
            if (!outcome.ok || !isOutcome(outcome.value)) continue;
            calls++;
            const seconds = readable(r, 'seconds');
            if (seconds.ok && validSeconds(seconds.value)) timed++;
            // A tenant getter that throws still records the call, under tenant "__invalid__".
            const tenant = readable(r, 'tenant');
            if (!tenant.ok || tenant.value !== undefined) withTenant++;
            // A call is its vendor's when it names a tenant or a vendor (an unreadable one included).
            const vendor = readable(r, 'vendor');
            if (!tenant.ok || tenant.value !== undefined || !vendor.ok || vendor.value !== undefined) withVendor++;
          }
          for (const r of records) m.recordCall(r as CallRecord);
          const { samples } = await checkOutputs(m, { all: false });
          expect(total(samples, 'care_calls_total{')).toBe(calls);
          expect(total(samples, 'care_call_duration_seconds_count{')).toBe(timed);
          // Vendor totals are exact; a tenant series taken over by another tenant starts again at zero.
          expect(total(samples, 'care_vendor_calls_total{')).toBe(withVendor);
          if (tables(m).tenants.evictions === 0) expect(total(samples, 'care_tenant_calls_total{')).toBe(withTenant);
        }),
        { numRuns: runs(0.006) },
      );
    },
    TIMEOUT,
  );

  it(
    'strict mode throws only documented HartslagErrors',
    () => {
      const m = createCareMetrics({ service: 'hub', strict: true, ...SMALL });
      fc.assert(
        fc.property(hostileRecord, (record) => {
          try {
            m.recordCall(record() as CallRecord);
          } catch (err) {
            if (!(err instanceof HartslagError) || !isDocumented(err, ERROR_CODES)) throw err;
          }
        }),
        { numRuns: runs(0.12) },
      );
    },
    TIMEOUT,
  );
});

/** What the next request's resolvers return (or throw, for THROW). */
const THROW = Symbol('throw');
interface RequestPlan {
  tenant: Make | typeof THROW;
  vendor: Make | typeof THROW;
  operation: Make | typeof THROW;
  reason: Make;
  header: string | string[] | undefined;
}
let plan: RequestPlan;
const resolve = (v: Make | typeof THROW) => {
  if (v === THROW) throw Symbol('resolver');
  return v() as LabelValue;
};

const headerValue = fc.oneof(
  fc.constant(undefined),
  fc.stringMatching(/^[ -~]{0,20}$/),
  fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.stringMatching(/^[a-z0-9-]{1,12}$/)).map((a) => [...a]),
  fc.constantFrom(...SECRETS.slice(0, 4)),
);
const resolved = fc.oneof({ arbitrary: hostileValue, weight: 8 }, { arbitrary: fc.constant(THROW), weight: 1 });
const requestPlan: fc.Arbitrary<RequestPlan> = fc.record({
  tenant: resolved,
  vendor: resolved,
  operation: resolved,
  reason: hostileValue,
  header: headerValue,
});

describe('adapters under hostile requests and resolvers', () => {
  it(
    'fastify: every request is counted once, no exception escapes, the scrape always parses',
    async () => {
      const metrics = createCareMetrics({ service: 'hub', ...quiet, ...SMALL });
      const app = Fastify();
      await app.register(careMetricsPlugin, {
        metrics,
        tenant: () => resolve(plan.tenant),
        vendor: 'x-vendor',
        operation: (req) => (req.url.startsWith('/custom') ? resolve(plan.operation) : req.routeOptions.url!),
      });
      app.get('/custom/:id', async (_req, reply) =>
        reply
          .careReason(plan.reason() as string)
          .code(403)
          .send(),
      );
      for (const [path, operation] of [
        ['/n', 42],
        ['/sym', Symbol('op')],
        ['/np', Object.create(null)],
        ['/bsn', SECRETS[0]],
      ] as const) {
        app.get(path, { config: { operation: operation as string } }, async () => 'ok');
      }
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(
          requestPlan,
          fc.constantFrom('/custom/1', '/n', '/sym', '/np', '/bsn', '/nowhere'),
          async (p, url) => {
            plan = p;
            const headers = p.header === undefined ? {} : { 'x-vendor': p.header };
            const res = await app.inject({ method: 'GET', url, headers });
            requests++;
            expect(res.statusCode).toBeLessThan(500);
          },
        ),
        { numRuns: runs(0.04) },
      );
      const scraped = await app.inject({ method: 'GET', url: '/metrics' });
      expect(scraped.statusCode).toBe(200);
      const samples = parseExposition(scraped.body).samples;
      expect(total(samples, 'care_calls_total{')).toBe(requests);
      for (const s of SECRETS) expect(scraped.body).not.toContain(s);
      await checkOutputs(metrics);
      await app.close();
    },
    TIMEOUT,
  );

  it(
    'http middleware: every request is counted once, no exception escapes, the scrape always parses',
    async () => {
      const metrics = createCareMetrics({ service: 'hub', ...quiet, ...SMALL });
      const mw = careMetricsMiddleware({
        metrics,
        operation: () => resolve(plan.operation),
        tenant: () => resolve(plan.tenant),
        vendor: 'x-vendor',
      });
      const dispatch = (req: IncomingMessage, res: ServerResponse) => {
        mw(req, res);
        res.statusCode = 200;
        res.end('ok');
      };
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(requestPlan, async (p) => {
          plan = p;
          const headers = p.header === undefined ? {} : { 'x-vendor': p.header };
          const res = await inject(dispatch, { method: 'GET', url: '/x', headers });
          requests++;
          expect(res.statusCode).toBe(200);
        }),
        { numRuns: runs(0.04) },
      );
      const { samples } = await checkOutputs(metrics);
      expect(total(samples, 'care_calls_total{')).toBe(requests);
    },
    TIMEOUT,
  );
});
