import { promtoolCheckMetrics } from '@hartslag/testkit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { careMetricsPlugin } from '../../src/adapters/fastify.js';
import { outcomeOfHttpStatus } from '../../src/adapters/httpOutcome.js';
import { type CareMetrics, createCareMetrics } from '../../src/index.js';
import { parseSamples } from '../support/samples.js';
import {
  BSN,
  callKey,
  durationCountKey,
  eventually,
  expectNoBsn,
  operations,
  scrape,
  sleep,
  tenantKey,
  totalCalls,
  vendorOf,
} from './helpers.js';

const service = 'medication-history';
const PHARMACY = 'apotheek-0042';
const HISTORY = 'GET /patients/:bsn/history';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A pharmacy-hub API with one route per outcome, listening on a real socket. */
async function start(
  serverOptions: FastifyServerOptions = {},
  before?: (app: FastifyInstance) => void,
): Promise<{ metrics: CareMetrics; base: string; app: FastifyInstance }> {
  const metrics = createCareMetrics({ service, tenants: { vendorOf } });
  // Destroys sockets on close: after a client abort, a graceful close waits seconds for keep-alive.
  app = Fastify({ forceCloseConnections: true, ...serverOptions });
  before?.(app);
  await app.register(careMetricsPlugin, { metrics, tenant: 'X-Pharmacy-Id' });
  app.get('/patients/:bsn/history', async (req) => ({ patient: (req.params as { bsn: string }).bsn, entries: [] }));
  app.get('/prescriptions/:id', { config: { operation: 'fetch-prescription' } }, async () => ({ ok: true }));
  app.get('/fail', async () => {
    throw new Error('pharmacy register unreachable');
  });
  app.get('/forbidden', async (_req, reply) => reply.code(403).send({ error: 'no contract' }));
  app.get('/no-contract', async (_req, reply) => reply.careReason('no_contract').code(403).send());
  app.get('/upstream-timeout', async (_req, reply) => reply.code(504).send());
  app.get('/slow', async () => {
    await sleep(400);
    return { late: true };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return { metrics, base: `http://127.0.0.1:${port}`, app };
}

const get = (url: string, tenant = PHARMACY) => fetch(url, { headers: { 'x-pharmacy-id': tenant } });

describe('fastify plugin', () => {
  it('counts a success under the route pattern with its code, duration, tenant and vendor, and never the BSN', async () => {
    const { metrics, base } = await start();
    const res = await get(`${base}/patients/${BSN}/history`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ patient: BSN, entries: [] });
    const scraped = await fetch(`${base}/metrics`);
    expect(scraped.headers.get('content-type')).toBe(metrics.registry!.contentType);
    const text = await scraped.text();
    const s = parseSamples(text);
    expect(s.get(callKey(service, HISTORY, 'success', 200))).toBe(1);
    expect(s.get(durationCountKey(service, HISTORY, 'success'))).toBe(1);
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'success'))).toBe(1);
    expectNoBsn(text);
  });

  it("uses a route's config.operation as the operation", async () => {
    const { metrics, base } = await start();
    await get(`${base}/prescriptions/rx-1`);
    await get(`${base}/prescriptions/rx-2`);
    const s = await scrape(metrics);
    expect(s.get(callKey(service, 'fetch-prescription', 'success', 200))).toBe(2);
    expect(operations(s)).toEqual(new Set(['fetch-prescription']));
  });

  it('counts a 500 as server_error, a 403 as denied and a 504 as timeout', async () => {
    const { metrics, base } = await start();
    expect((await get(`${base}/fail`)).status).toBe(500);
    expect((await get(`${base}/forbidden`)).status).toBe(403);
    expect((await get(`${base}/upstream-timeout`)).status).toBe(504);
    const s = await scrape(metrics);
    expect(s.get(callKey(service, 'GET /fail', 'server_error', 500))).toBe(1);
    expect(s.get(callKey(service, 'GET /forbidden', 'denied', 403))).toBe(1);
    expect(s.get(callKey(service, 'GET /upstream-timeout', 'timeout', 504))).toBe(1);
    expect(s.get(durationCountKey(service, 'GET /fail', 'server_error'))).toBe(1);
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'denied'))).toBe(1);
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'timeout'))).toBe(1);
  });

  it('records a reason set with reply.careReason as the code, instead of the status', async () => {
    const { metrics, base } = await start();
    expect((await get(`${base}/no-contract`)).status).toBe(403);
    expect((await get(`${base}/forbidden`)).status).toBe(403);
    const s = await scrape(metrics);
    expect(s.get(callKey(service, 'GET /no-contract', 'denied', 'no_contract'))).toBe(1);
    expect(s.get(callKey(service, 'GET /forbidden', 'denied', 403))).toBe(1);
  });

  it('counts requests that match no route as "unmatched", keeping their paths out of the labels', async () => {
    const { metrics, base } = await start();
    expect((await get(`${base}/no-such/${BSN}`)).status).toBe(404);
    expect((await fetch(`${base}/patients`, { method: 'DELETE' })).status).toBe(404);
    const text = await metrics.registry!.metrics();
    expect(parseSamples(text).get(callKey(service, 'unmatched', 'client_error', 404))).toBe(2);
    expectNoBsn(text);
  });

  it('does not count its own /metrics route, and counts every other request exactly once', async () => {
    const { base } = await start();
    const urls = [`/patients/${BSN}/history`, '/fail', '/forbidden', '/prescriptions/9', '/nowhere'];
    for (let i = 0; i < 40; i++) await get(`${base}${urls[i % urls.length]}`);
    for (let i = 0; i < 3; i++) await fetch(`${base}/metrics`);
    const s = parseSamples(await (await fetch(`${base}/metrics`)).text());
    expect(totalCalls(s)).toBe(40);
    expect(s.get(callKey(service, HISTORY, 'success', 200))).toBe(8);
    expect([...operations(s)].some((op) => op.includes('metrics'))).toBe(false);
  });

  it('serves an exposition that promtool check metrics accepts', async () => {
    const { base } = await start();
    for (const path of [`/patients/${BSN}/history`, '/fail', '/forbidden', '/upstream-timeout', '/x']) {
      await get(`${base}${path}`);
    }
    const check = promtoolCheckMetrics(await (await fetch(`${base}/metrics`)).text());
    expect(check.output).toBe('');
    expect(check.ok).toBe(true);
  });

  it('counts a request the client aborts before the response once, as client_error "aborted"', async () => {
    const { metrics, base } = await start();
    const abort = new AbortController();
    const pending = get(`${base}/slow`).catch(() => 'aborted');
    const aborted = fetch(`${base}/slow`, { signal: abort.signal, headers: { 'x-pharmacy-id': PHARMACY } });
    setTimeout(() => abort.abort(), 50);
    await expect(aborted).rejects.toThrow();
    await eventually(async () => {
      expect((await scrape(metrics)).get(callKey(service, 'GET /slow', 'client_error', 'aborted'))).toBe(1);
    });
    expect((await (pending as Promise<Response>)).status).toBe(200);
    await sleep(100); // the aborted handler finishes at 400 ms too: it must not be counted again
    const s = await scrape(metrics);
    expect(s.get(callKey(service, 'GET /slow', 'success', 200))).toBe(1);
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'client_error'))).toBe(1);
    expect(totalCalls(s)).toBe(2);
  });

  it('counts a handler cut off by connectionTimeout as a timeout, not as a client abort', async () => {
    const { metrics, base } = await start({ connectionTimeout: 100 });
    await expect(get(`${base}/slow`)).rejects.toThrow();
    await eventually(async () => {
      expect((await scrape(metrics)).get(callKey(service, 'GET /slow', 'timeout', 'connection_timeout'))).toBe(1);
    });
    await sleep(400);
    expect(totalCalls(await scrape(metrics))).toBe(1);
  });

  it('counts a request that an earlier onRequest hook refused, so auth failures are not invisible', async () => {
    const { metrics, base } = await start({}, (a) =>
      a.addHook('onRequest', async (req, reply) => {
        if (req.headers.authorization === undefined && req.url !== '/metrics') return reply.code(401).send();
      }),
    );
    expect((await get(`${base}/patients/${BSN}/history`)).status).toBe(401);
    const s = await scrape(metrics);
    expect(s.get(callKey(service, HISTORY, 'denied', 401))).toBe(1);
    expect(s.get(durationCountKey(service, HISTORY, 'denied'))).toBe(1);
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'denied'))).toBe(1);
  });

  it('reads the tenant header once per request, through a resolver function too', async () => {
    const metrics = createCareMetrics({ service, tenants: { vendorOf } });
    let reads = 0;
    app = Fastify();
    await app.register(careMetricsPlugin, {
      metrics,
      metricsRoute: '/internal/metrics',
      tenant: (req) => {
        reads++;
        return req.headers['x-pharmacy-id'] as string | undefined;
      },
    });
    app.get('/ping', async () => 'pong');
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    await get(`${base}/ping`);
    await get(`${base}/ping`);
    expect(reads).toBe(2);
    const s = parseSamples(await (await fetch(`${base}/internal/metrics`)).text());
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'success'))).toBe(2);
    expect(reads).toBe(2);
  });

  it('fails registration with a ConfigError naming each invalid option', async () => {
    const metrics = createCareMetrics({ service });
    app = Fastify();
    app.register(careMetricsPlugin, {
      metrics,
      operation: 'GET /x' as never,
      metricsRoute: 'metrics',
      tenant: 'x pharmacy',
    });
    const err = await app.ready().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'HARTSLAG_ERR_CONFIG_INVALID' });
    expect((err as Error).message).toMatch(/operation: must be a function/);
    expect((err as Error).message).toMatch(/metricsRoute: must be a path/);
    expect((err as Error).message).toMatch(/tenant: must be a header name/);

    const without = Fastify();
    without.register(careMetricsPlugin, {} as never);
    await expect(without.ready()).rejects.toThrow(/metrics: required/);
    await without.close().catch(() => {});

    const noRegistry = Fastify();
    noRegistry.register(careMetricsPlugin, { metrics: createCareMetrics({ service, registry: false }) });
    await expect(noRegistry.ready()).rejects.toThrow(/metricsRoute: .*registry: false/);
    await noRegistry.close().catch(() => {});
  });
});

describe('HTTP status outcomes', () => {
  it('maps statuses so only server failures and timeouts burn the downtime budget', () => {
    const table: Array<[number, string]> = [
      [200, 'success'],
      [204, 'success'],
      [304, 'success'],
      [400, 'client_error'],
      [401, 'denied'],
      [403, 'denied'],
      [404, 'client_error'],
      [408, 'timeout'],
      [409, 'client_error'],
      [422, 'client_error'],
      [429, 'denied'],
      [500, 'server_error'],
      [502, 'server_error'],
      [503, 'server_error'],
      [504, 'timeout'],
      [0, 'server_error'],
      [600, 'server_error'],
    ];
    for (const [status, outcome] of table) expect([status, outcomeOfHttpStatus(status)]).toEqual([status, outcome]);
  });
});
