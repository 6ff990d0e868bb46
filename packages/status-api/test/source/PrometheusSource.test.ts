import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusSource } from '../../src/source/PrometheusSource.js';
import { recordedSeries } from './fixtures/recordedSeries.js';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('PrometheusSource against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let exporter: Server;

  beforeAll(async () => {
    const registry = recordedSeries();
    const served = await listen(async (_req, res) => {
      res.setHeader('content-type', registry.contentType);
      res.end(await registry.metrics());
    });
    exporter = served.server;
    prometheus = await startPrometheus([{ job: 'slo-rules', target: served.url.replace('http://', '') }]);
    await prometheus.waitForSeries('ALERTS{alertname="HartslagTrafficSilent"}');
  });

  afterAll(async () => {
    await prometheus?.stop();
    if (exporter !== undefined) {
      exporter.closeAllConnections();
      await new Promise((resolve) => exporter.close(resolve));
    }
  });

  it('is of kind prometheus', () => {
    expect(new PrometheusSource({ url: 'http://127.0.0.1:9' }).kind).toBe('prometheus');
  });

  it('reads every SLO the rules know, grouped by the slo label', async () => {
    const before = Date.now();
    const reading = await new PrometheusSource({ url: prometheus.url }).read();
    expect(reading.at).toBeGreaterThanOrEqual(before);
    expect(reading.at).toBeLessThanOrEqual(Date.now());
    expect([...reading.slos.keys()].sort()).toEqual([
      'fetch-medication-history',
      'lookup-allergies',
      'send-prescription',
    ]);
    expect(reading.slos.get('fetch-medication-history')).toEqual({
      slo: 'fetch-medication-history',
      budgetRemaining: -0.25,
      errorRatio5m: 1,
      outage: { active: true, seconds: 660, limit: 600 },
      silent: false,
      judgeable: true,
      firing: [
        { alertname: 'HartslagErrorBudgetBurn', severity: 'page' },
        { alertname: 'HartslagOutageLimitBreached', severity: 'page' },
      ],
    });
  });

  it('leaves a pending alert out and gives no outage to an SLO without a maxOutage', async () => {
    const reading = await new PrometheusSource({ url: prometheus.url }).read();
    expect(reading.slos.get('send-prescription')).toEqual({
      slo: 'send-prescription',
      budgetRemaining: 0.42,
      errorRatio5m: 0.002,
      outage: undefined,
      silent: false,
      firing: [],
    });
  });

  it('reads NaN (no calls) as no figure, slo:judgeable 0 as too few calls to judge, and a firing silence alert as silent', async () => {
    const reading = await new PrometheusSource({ url: prometheus.url }).read();
    expect(reading.slos.get('lookup-allergies')).toEqual({
      slo: 'lookup-allergies',
      budgetRemaining: undefined,
      errorRatio5m: undefined,
      outage: undefined,
      silent: true,
      judgeable: false,
      firing: [{ alertname: 'HartslagTrafficSilent', severity: 'page' }],
    });
  });

  it('accepts a base URL with a trailing slash and sends the extra headers', async () => {
    const seen: (string | undefined)[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers).get('x-scope-orgid') ?? undefined);
      return fetch(input, init);
    };
    const reading = await new PrometheusSource({
      url: `${prometheus.url}/`,
      headers: { 'X-Scope-OrgID': 'zorg-noord' },
      fetch: spy,
    }).read();
    expect(reading.slos.size).toBe(3);
    expect(new Set(seen)).toEqual(new Set(['zorg-noord']));
  });

  it('throws a response error naming the status when the URL is no query API', async () => {
    const source = new PrometheusSource({ url: `${prometheus.url}/not-the-api` });
    await expect(source.read()).rejects.toMatchObject({
      code: 'HARTSLAG_ERR_SOURCE_RESPONSE',
      message: expect.stringMatching(/answered 404 to .*: 404 page not found; check that the URL/),
    });
  });
});

describe('PrometheusSource when Prometheus cannot answer', () => {
  it('throws an unreachable error quickly for a closed port', async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(new PrometheusSource({ url: `http://127.0.0.1:${port}` }).read()).rejects.toMatchObject({
      code: 'HARTSLAG_ERR_SOURCE_UNREACHABLE',
      message: expect.stringContaining(
        `cannot reach Prometheus at http://127.0.0.1:${port}/api/v1/query (ECONNREFUSED)`,
      ),
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('throws a timeout error after timeoutMs when the server never answers', async () => {
    const { server, url } = await listen(() => {});
    try {
      const started = Date.now();
      await expect(new PrometheusSource({ url, timeoutMs: 200 }).read()).rejects.toMatchObject({
        code: 'HARTSLAG_ERR_SOURCE_TIMEOUT',
        message: expect.stringContaining('did not answer within 200 ms'),
      });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('quotes no more than a short excerpt of an error page', async () => {
    const { server, url } = await listen((_req, res) => {
      res.statusCode = 502;
      res.end(`<html>${'upstream gone '.repeat(1000)}</html>`);
    });
    try {
      const err = (await new PrometheusSource({ url }).read().catch((e: unknown) => e)) as Error & { code: string };
      expect(err.code).toBe('HARTSLAG_ERR_SOURCE_RESPONSE');
      expect(err.message).toContain('answered 502');
      expect(err.message.length).toBeLessThan(500);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('throws a response error for a successful answer that is not a vector', async () => {
    const { server, url } = await listen((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [0, '1'] } }));
    });
    try {
      await expect(new PrometheusSource({ url }).read()).rejects.toMatchObject({
        code: 'HARTSLAG_ERR_SOURCE_RESPONSE',
        message: expect.stringContaining('with scalar result, not a vector'),
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
