import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { type CareMetrics, careMetricsMiddleware, careMetricsPlugin, createCareMetrics } from '../../src/index.js';
import { parseExposition } from '../support/exposition.js';

const service = 'hub';
const quiet = { onWarning: () => {} };

async function samplesOf(m: CareMetrics): Promise<Map<string, number>> {
  return parseExposition(await m.registry!.metrics()).samples;
}
const tenantRow = (tenant: string, vendor = 'unknown', outcome = 'success') =>
  `care_tenant_calls_total{outcome="${outcome}",service="${service}",tenant="${tenant}",vendor="${vendor}"}`;
const resolverErrors = (s: Map<string, number>) =>
  s.get(`care_instrumentation_errors_total{reason="resolver",service="${service}"}`);

/** A GET over a real socket that sends `x-pharmacy-id` once per value (a header sent twice). */
function getWithRepeatedHeader(port: number, path: string, values: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setHeader('x-pharmacy-id', values);
    req.on('error', reject);
    req.end();
  });
}

let app: FastifyInstance | undefined;
let server: Server | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('fastify plugin with hostile requests and resolvers', () => {
  it('a header sent twice is one tenant, through inject and over a real socket alike', async () => {
    const metrics = createCareMetrics({ service, ...quiet });
    app = Fastify();
    await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });
    app.get('/x', async () => 'ok');
    const res = await app.inject({
      method: 'GET',
      url: '/x',
      headers: { 'x-pharmacy-id': ['apotheek-1', 'apotheek-2'] },
    });
    expect(res.statusCode).toBe(200);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    expect(await getWithRepeatedHeader(port, '/x', ['apotheek-1', 'apotheek-2'])).toBe(200);
    const s = await samplesOf(metrics);
    // Node joins a repeated header into one string before any handler sees it: one label, no split.
    expect(s.get(tenantRow('apotheek-1, apotheek-2'))).toBe(2);
  });

  it('records numeric ids from resolvers as their text, and a throwing resolver as "__invalid__"', async () => {
    const metrics = createCareMetrics({ service, ...quiet });
    app = Fastify();
    let mode: 'number' | 'throw' = 'number';
    await app.register(careMetricsPlugin, {
      metrics,
      tenant: () => {
        if (mode === 'throw') throw Symbol('register down');
        return 4711;
      },
      vendor: () => 12n,
      operation: () => {
        if (mode === 'throw') throw new Error('no route name');
        return 42;
      },
    });
    app.get('/x', async (_req, reply) => reply.careReason(7).code(403).send());
    expect((await app.inject({ method: 'GET', url: '/x' })).statusCode).toBe(403);
    mode = 'throw';
    expect((await app.inject({ method: 'GET', url: '/x' })).statusCode).toBe(403);
    const s = await samplesOf(metrics);
    expect(s.get(tenantRow('4711', '12', 'denied'))).toBe(1);
    expect(s.get(`care_calls_total{code="7",operation="42",outcome="denied",service="${service}"}`)).toBe(1);
    expect(s.get(tenantRow('__invalid__', '12', 'denied'))).toBe(1);
    expect(s.get(`care_calls_total{code="7",operation="__invalid__",outcome="denied",service="${service}"}`)).toBe(1);
    expect(resolverErrors(s)).toBe(2);
  });
});

describe('http middleware with hostile requests and resolvers', () => {
  async function listen(mw: ReturnType<typeof careMetricsMiddleware>): Promise<number> {
    server = createServer((req, res) => {
      mw(req, res);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  it('a header sent twice is one tenant; numeric ids from resolvers are their text', async () => {
    const metrics = createCareMetrics({ service, ...quiet });
    const port = await listen(
      careMetricsMiddleware({ metrics, operation: () => 301, tenant: 'x-pharmacy-id', vendor: () => 9 }),
    );
    expect(await getWithRepeatedHeader(port, '/x', ['apotheek-1', 'apotheek-2'])).toBe(200);
    const s = await samplesOf(metrics);
    expect(s.get(tenantRow('apotheek-1, apotheek-2', '9'))).toBe(1);
    expect(s.get(`care_calls_total{code="200",operation="301",outcome="success",service="${service}"}`)).toBe(1);
  });

  it('takes the first value when a header arrives as an array (req.headersDistinct put in place)', async () => {
    const metrics = createCareMetrics({ service, ...quiet });
    const mw = careMetricsMiddleware({ metrics, operation: () => 'GET /x', tenant: 'x-pharmacy-id' });
    server = createServer((req, res) => {
      // What a framework handing over distinct header values does.
      req.headers['x-pharmacy-id'] = req.headersDistinct['x-pharmacy-id'] as never;
      mw(req, res);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(await getWithRepeatedHeader(port, '/x', ['apotheek-1', 'apotheek-2'])).toBe(200);
    const s = await samplesOf(metrics);
    expect(s.get(tenantRow('apotheek-1'))).toBe(1);
  });

  it('resolvers that throw (a Symbol, an Error) never reach the server: the requests are counted', async () => {
    const metrics = createCareMetrics({ service, ...quiet });
    const port = await listen(
      careMetricsMiddleware({
        metrics,
        operation: () => {
          throw Symbol('operation');
        },
        tenant: () => {
          throw new Error('tenant');
        },
        vendor: () => Object.create(null),
      }),
    );
    for (let i = 0; i < 2; i++) expect((await fetch(`http://127.0.0.1:${port}/x`)).status).toBe(200);
    const s = await samplesOf(metrics);
    expect(s.get(tenantRow('__invalid__', '__invalid__'))).toBe(2);
    expect(s.get(`care_calls_total{code="200",operation="__invalid__",outcome="success",service="${service}"}`)).toBe(
      2,
    );
    expect(resolverErrors(s)).toBe(4);
    expect(s.get(`care_instrumentation_errors_total{reason="label",service="${service}"}`)).toBe(1);
  });
});
