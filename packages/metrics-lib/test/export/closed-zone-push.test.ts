import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type RunningPrometheus,
  type RunningTcpProxy,
  type RunningVictoriaMetrics,
  startPrometheus,
  startTcpProxy,
  startVictoriaMetrics,
  waitFor,
} from '@hartslag/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careMetricsPlugin, createCareMetrics } from '../../src/index.js';

/**
 * A closed zone (a hospital network that may only push): Prometheus in agent mode scrapes a
 * service and remote-writes through a link the test cuts. The production scrape interval is 15 s;
 * here it is 250 ms, so 40 scrapes — what 10 minutes hold in production — pass while the link is
 * down in 10 s of test time. The agent's write-ahead log keeps every sample the store has not
 * acknowledged (it is truncated only behind what was sent, at the earliest after 2 h), and its
 * queue retries until the link is back.
 */
const SCRAPES_CUT = 40;

let app: FastifyInstance;
let scrapes = 0;
let base: string;
let exporter: Server;
let vm: RunningVictoriaMetrics;
let proxy: RunningTcpProxy;
let agent: RunningPrometheus;

beforeAll(async () => {
  const registry = new Registry();
  const metrics = createCareMetrics({ service: 'ward-gateway', registry });
  app = Fastify({ forceCloseConnections: true });
  await app.register(careMetricsPlugin, { metrics });
  app.get('/admissions/:id', { config: { operation: 'fetch-admission' } }, async () => ({ ok: true }));
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  // The registry as a scrape sees it, plus the scrape's own number: a gap or a double shows at once.
  exporter = createServer(async (req, res) => {
    if (req.url !== '/metrics') return res.writeHead(404).end();
    const text = await registry.metrics();
    res
      .writeHead(200, { 'content-type': registry.contentType })
      .end(`${text}# TYPE zone_scrapes_total counter\nzone_scrapes_total ${++scrapes}\n`);
  });
  await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
  vm = await startVictoriaMetrics();
  proxy = await startTcpProxy(vm.url.replace('http://', ''));
  agent = await startPrometheus([{ job: 'ward', target: `127.0.0.1:${(exporter.address() as AddressInfo).port}` }], {
    agent: true,
    scrapeInterval: '250ms',
    remoteWrite: [`http://${proxy.address}/api/v1/write`],
  });
}, 60_000);

afterAll(async () => {
  await agent?.stop();
  await proxy?.stop();
  await vm?.stop();
  await app?.close();
  await new Promise<void>((resolve) => (exporter ? exporter.close(() => resolve()) : resolve()));
});

async function calls(n: number) {
  for (let i = 0; i < n; i++) await fetch(`${base}/admissions/${i}`);
}

describe('push from a closed zone: Prometheus agent → cut link → VictoriaMetrics', () => {
  it('keeps every scrape through a cut of 40 scrape intervals: the store gets each sample once', async () => {
    await calls(25);
    await vm.waitForSeries('zone_scrapes_total');

    proxy.cut();
    const cutAt = scrapes;
    await calls(35);
    await waitFor(
      '40 scrapes while the link is down',
      async () => (scrapes >= cutAt + SCRAPES_CUT ? true : undefined),
      60_000,
    );
    expect(proxy.refused).toBeGreaterThan(0);
    proxy.restore();
    const restoredAt = scrapes;

    // Everything scraped until the link came back arrives, in order, each sample once.
    const samples = await waitFor(
      'the backlog to arrive',
      async () => {
        await vm.flush();
        const [s] = await vm.exportRaw('zone_scrapes_total');
        return s && Math.max(...s.values) >= restoredAt ? s : undefined;
      },
      60_000,
    );
    const values = [...samples.values].sort((a, b) => a - b);
    const first = values[0]!;
    expect(first).toBeLessThanOrEqual(cutAt);
    expect(values).toEqual(Array.from({ length: values.length }, (_, i) => first + i));
    expect(new Set(samples.timestamps).size).toBe(samples.timestamps.length);

    // And the service's own counters: all 60 calls, as the source counts them.
    const [total] = await vm.query('sum(care_calls_total{operation="fetch-admission"})');
    expect(total?.value).toBe(60);
  }, 120_000);
});
