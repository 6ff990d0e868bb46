import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { promtoolCheckMetrics } from '@hartslag/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { careMetricsHandler, careMetricsMiddleware } from '../../src/adapters/http.js';
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

/** The slice of express's API these tests use (express 5 ships no types; @types/express is not installed). */
interface Req extends IncomingMessage {
  params: Record<string, string>;
}
interface Res extends ServerResponse {
  status(code: number): Res;
  send(body?: unknown): Res;
  json(body: unknown): Res;
}
type Handler = (req: Req, res: Res, next: (err?: unknown) => void) => unknown;
interface Router {
  get(path: string, ...handlers: Handler[]): Router;
  use(...args: Array<string | Handler | Router>): Router;
}
interface App extends Router {
  (req: IncomingMessage, res: ServerResponse): void;
}
const express = createRequire(import.meta.url)('express') as { (): App; Router(): Router };

const service = 'medication-history';
const PHARMACY = 'apotheek-0042';

let server: Server | undefined;

afterEach(async () => {
  const s = server;
  server = undefined;
  if (s === undefined) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const get = (url: string, tenant = PHARMACY) => fetch(url, { headers: { 'x-pharmacy-id': tenant } });

describe('express middleware', () => {
  /** A pharmacy-hub API: routes in a router mounted at /api, one per outcome. */
  async function start(): Promise<{ metrics: CareMetrics; base: string }> {
    const metrics = createCareMetrics({ service, tenants: { vendorOf } });
    const app = express();
    app.use(careMetricsMiddleware({ metrics, tenant: 'x-pharmacy-id' }));
    app.get('/metrics', careMetricsHandler(metrics));
    const api = express.Router();
    api.get('/patients/:bsn/history', (req, res) => res.json({ patient: req.params.bsn, entries: [] }));
    api.get('/fail', () => {
      throw new Error('pharmacy register unreachable');
    });
    api.get('/forbidden', (_req, res) => res.status(403).send('no contract'));
    api.get('/upstream-timeout', (_req, res) => res.status(504).send());
    api.get('/slow', async (_req, res) => {
      await sleep(400);
      res.send('late');
    });
    app.use('/api', api);
    // A router mounted on a path with a parameter, with router-level middleware ahead of its routes.
    const patient = express.Router();
    patient.use((_req, _res, next) => next());
    patient.get('/history', (_req, res) => res.json({ entries: [] }));
    patient.get('/allergies', (_req, _res, next) => next(new Error('allergy register down')));
    app.use('/patients/:bsn', patient);
    return { metrics, base: await listen(app) };
  }

  it('counts a success under the mounted route pattern with code, duration, tenant and vendor, and never the BSN', async () => {
    const { metrics, base } = await start();
    const res = await get(`${base}/api/patients/${BSN}/history`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ patient: BSN, entries: [] });
    const scraped = await fetch(`${base}/metrics`);
    expect(scraped.headers.get('content-type')).toBe(metrics.registry!.contentType);
    const text = await scraped.text();
    const s = parseSamples(text);
    const op = 'GET /api/patients/:bsn/history';
    expect(s.get(callKey(service, op, 'success', 200))).toBe(1);
    expect(s.get(durationCountKey(service, op, 'success'))).toBe(1);
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'success'))).toBe(1);
    expectNoBsn(text);
    expect(promtoolCheckMetrics(text).ok).toBe(true);
  });

  it('counts a thrown error (500) as server_error, a 403 as denied and a 504 as timeout', async () => {
    const { metrics, base } = await start();
    expect((await get(`${base}/api/fail`)).status).toBe(500);
    expect((await get(`${base}/api/forbidden`)).status).toBe(403);
    expect((await get(`${base}/api/upstream-timeout`)).status).toBe(504);
    const s = await scrape(metrics);
    expect(s.get(callKey(service, 'GET /api/fail', 'server_error', 500))).toBe(1);
    expect(s.get(callKey(service, 'GET /api/forbidden', 'denied', 403))).toBe(1);
    expect(s.get(callKey(service, 'GET /api/upstream-timeout', 'timeout', 504))).toBe(1);
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'server_error'))).toBe(1);
  });

  it("restores the parameters of a mount path, and keeps a route's errors under the same operation as its successes", async () => {
    const { metrics, base } = await start();
    expect((await get(`${base}/patients/${BSN}/history`)).status).toBe(200);
    expect((await get(`${base}/patients/${BSN}/allergies`)).status).toBe(500);
    expect((await get(`${base}/api/fail`)).status).toBe(500);
    const text = await metrics.registry!.metrics();
    const s = parseSamples(text);
    expect(s.get(callKey(service, 'GET /patients/:bsn/history', 'success', 200))).toBe(1);
    expect(s.get(callKey(service, 'GET /patients/:bsn/allergies', 'server_error', 500))).toBe(1);
    expect(operations(s)).toEqual(
      new Set(['GET /patients/:bsn/history', 'GET /patients/:bsn/allergies', 'GET /api/fail']),
    );
    expect(s.get('care_label_redactions_total{label="operation",service="medication-history"}') ?? 0).toBe(0);
    expectNoBsn(text);
  });

  it('counts requests that match no route as "unmatched", keeping their paths out of the labels', async () => {
    const { metrics, base } = await start();
    expect((await get(`${base}/api/no-such/${BSN}`)).status).toBe(404);
    expect((await get(`${base}/${BSN}`)).status).toBe(404);
    const text = await metrics.registry!.metrics();
    expect(parseSamples(text).get(callKey(service, 'unmatched', 'client_error', 404))).toBe(2);
    expectNoBsn(text);
  });

  it('does not count the /metrics handler mounted after it, and counts every other request exactly once', async () => {
    const { metrics, base } = await start();
    const urls = [`/api/patients/${BSN}/history`, '/api/fail', '/api/forbidden', '/nowhere'];
    for (let i = 0; i < 40; i++) await get(`${base}${urls[i % urls.length]}`);
    for (let i = 0; i < 3; i++) await fetch(`${base}/metrics`);
    const s = await scrape(metrics);
    expect(totalCalls(s)).toBe(40);
    expect(s.get(callKey(service, 'GET /api/fail', 'server_error', 500))).toBe(10);
    expect([...operations(s)].some((op) => op.includes('metrics'))).toBe(false);
  });

  it('counts a request the client aborts before the response once, as client_error "aborted"', async () => {
    const { metrics, base } = await start();
    const abort = new AbortController();
    const aborted = fetch(`${base}/api/slow`, { signal: abort.signal, headers: { 'x-pharmacy-id': PHARMACY } });
    setTimeout(() => abort.abort(), 50);
    await expect(aborted).rejects.toThrow();
    await eventually(async () => {
      expect((await scrape(metrics)).get(callKey(service, 'GET /api/slow', 'client_error', 'aborted'))).toBe(1);
    });
    await sleep(450); // the handler still answers at 400 ms: that must not count the call again
    const s = await scrape(metrics);
    expect(totalCalls(s)).toBe(1);
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'client_error'))).toBe(1);
  });
});

describe('Node http middleware', () => {
  /** Routes by hand, as plain http servers do; names its operations through `operation`. */
  function routeOf(req: IncomingMessage): string {
    if (req.url?.startsWith('/patients/')) return 'fetch-medication-history';
    if (req.url === '/fail' || req.url === '/forbidden' || req.url === '/slow') return `GET ${req.url}`;
    return 'unmatched';
  }

  async function start(withOperation = true): Promise<{ metrics: CareMetrics; base: string }> {
    const metrics = createCareMetrics({ service, tenants: { vendorOf } });
    const mw = careMetricsMiddleware({
      metrics,
      tenant: 'x-pharmacy-id',
      ...(withOperation ? { operation: routeOf } : {}),
    });
    const exposition = careMetricsHandler(metrics);
    const base = await listen((req, res) => {
      mw(req, res);
      if (req.url === '/metrics') return exposition(req, res);
      if (req.url?.startsWith('/patients/')) return res.writeHead(200).end('{"entries":[]}');
      if (req.url === '/fail') return res.writeHead(500).end();
      if (req.url === '/forbidden') return res.writeHead(403).end();
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end(), 400);
      res.writeHead(404).end();
    });
    return { metrics, base };
  }

  it('counts calls under the given operation with code, duration, tenant and vendor, and never the BSN', async () => {
    const { base } = await start();
    expect((await get(`${base}/patients/${BSN}/history`)).status).toBe(200);
    expect((await get(`${base}/fail`)).status).toBe(500);
    expect((await get(`${base}/forbidden`)).status).toBe(403);
    const text = await (await fetch(`${base}/metrics`)).text();
    const s = parseSamples(text);
    expect(s.get(callKey(service, 'fetch-medication-history', 'success', 200))).toBe(1);
    expect(s.get(durationCountKey(service, 'fetch-medication-history', 'success'))).toBe(1);
    expect(s.get(callKey(service, 'GET /fail', 'server_error', 500))).toBe(1);
    expect(s.get(callKey(service, 'GET /forbidden', 'denied', 403))).toBe(1);
    expect(s.get(tenantKey(service, PHARMACY, 'pharmacom', 'success'))).toBe(1);
    expect(totalCalls(s)).toBe(3);
    expectNoBsn(text);
  });

  it('counts everything as "unmatched" without an operation, since plain http has no routes', async () => {
    const { metrics, base } = await start(false);
    await get(`${base}/patients/${BSN}/history`);
    await get(`${base}/nowhere`);
    await fetch(`${base}/metrics`);
    const s = await scrape(metrics);
    expect(operations(s)).toEqual(new Set(['unmatched']));
    expect(s.get(callKey(service, 'unmatched', 'success', 200))).toBe(1);
    expect(s.get(callKey(service, 'unmatched', 'client_error', 404))).toBe(1);
    expect(totalCalls(s)).toBe(2);
  });

  it("counts a handler cut off by the server's socket timeout as a timeout, once", async () => {
    const { metrics, base } = await start();
    server!.setTimeout(100);
    await expect(get(`${base}/slow`)).rejects.toThrow();
    await eventually(async () => {
      expect((await scrape(metrics)).get(callKey(service, 'GET /slow', 'timeout', 'connection_timeout'))).toBe(1);
    });
    await sleep(400);
    expect(totalCalls(await scrape(metrics))).toBe(1);
  });

  it('counts a request the client aborts once, as client_error "aborted"', async () => {
    const { metrics, base } = await start();
    const abort = new AbortController();
    const aborted = fetch(`${base}/slow`, { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await expect(aborted).rejects.toThrow();
    await eventually(async () => {
      expect((await scrape(metrics)).get(callKey(service, 'GET /slow', 'client_error', 'aborted'))).toBe(1);
    });
    await sleep(450);
    expect(totalCalls(await scrape(metrics))).toBe(1);
  });

  it('refuses invalid options with a ConfigError naming each option', () => {
    const metrics = createCareMetrics({ service });
    expect(() => careMetricsMiddleware({ metrics, operation: 'x' as never, vendor: 42 as never })).toThrow(
      expect.objectContaining({
        code: 'HARTSLAG_ERR_CONFIG_INVALID',
        message: expect.stringMatching(/operation: must be a function[\s\S]*vendor: must be a header name/),
      }),
    );
    expect(() => careMetricsMiddleware({} as never)).toThrow(/metrics: required/);
    expect(() => careMetricsHandler(createCareMetrics({ service, registry: false }))).toThrow(/registry: false/);
  });
});
