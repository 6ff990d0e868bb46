import { createRequire } from 'node:module';
import { promtoolCheckMetrics, type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import * as ioClient from '@prometheus-io/client';
import Fastify, { type FastifyInstance } from 'fastify';
import * as promClient from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/export/prometheus/defaultRegistry.js';
import { openExposition } from '../../src/export/prometheus/ExpositionStream.js';
import {
  type CareMetrics,
  careMetricsPlugin,
  createCareMetrics,
  createSloEvaluator,
  type PromRegistry,
  RegistryMissingError,
} from '../../src/index.js';
import { parseSamples } from '../support/samples.js';

/**
 * prom-client 15 and its successor @prometheus-io/client side by side: a service hands us either
 * one's Registry, in either content type, next to that client's own metrics and default metrics.
 */
const CLIENTS = [
  ['prom-client', promClient],
  ['@prometheus-io/client', ioClient],
] as const;
type Client = (typeof CLIENTS)[number][1];
const SLO = { name: 'prescriptions', operation: 'fetch-prescription', objective: 0.99, window: 30 * 86400 };
const CALLS = 40;
const FAILED = 4;

async function collect(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of stream) text += piece;
  return text;
}

async function service(name: string, client: Client, openMetrics: boolean) {
  const registry = new client.Registry();
  if (openMetrics) registry.setContentType(client.Registry.OPENMETRICS_CONTENT_TYPE as never);
  client.collectDefaultMetrics({ register: registry as never });
  const own = new client.Counter({
    name: 'pharmacy_orders_total',
    help: 'Orders placed.',
    registers: [registry as never],
  });
  own.inc(3);
  const metrics = createCareMetrics({ service: name, registry, tenants: { vendorOf: () => 'pharmasoft' } });
  const slo = createSloEvaluator(metrics, [SLO], { autoStart: false });
  const app = Fastify({ forceCloseConnections: true });
  await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });
  app.get('/prescriptions/:id', { config: { operation: 'fetch-prescription' } }, async (req, reply) =>
    (req.params as { id: string }).id === 'broken' ? reply.code(503).send() : { ok: true },
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  // The first tick takes the counters as its base; the second counts the calls between them.
  const start = Date.now();
  slo.tick(start);
  for (let i = 0; i < CALLS; i++) {
    await fetch(`${url}/prescriptions/${i % 10 === 0 ? 'broken' : `rx-${i}`}`, {
      headers: { 'x-pharmacy-id': 'apotheek-7' },
    });
  }
  slo.tick(start + 30_000);
  return { app, metrics, slo, registry, url, target: url.replace('http://', '') };
}

describe.each(CLIENTS)('a %s Registry', (clientName, client) => {
  const job = clientName.replace(/\W+/g, '-');
  let prometheus: RunningPrometheus;
  let text: Awaited<ReturnType<typeof service>>;
  let om: Awaited<ReturnType<typeof service>>;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    text = await service(`${job}-text`, client, false);
    om = await service(`${job}-om`, client, true);
    apps.push(text.app, om.app);
    prometheus = await startPrometheus([
      { job: 'text', target: text.target },
      { job: 'openmetrics', target: om.target },
    ]);
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    for (const s of [text, om]) s?.slo.close();
    for (const app of apps) await app.close();
  });

  it('serves, streamed, byte for byte what the registry’s own metrics() writes', async () => {
    for (const s of [text, om]) {
      const scraped = await (await fetch(`${s.url}/metrics`)).text();
      // Default metrics move between two reads (CPU, heap): compare ours and the service's own.
      const stable = (t: string) =>
        t
          .split('\n')
          .filter((l) => /^(# (HELP|TYPE) )?(care_|pharmacy_orders)/.test(l))
          .join('\n');
      expect(stable(scraped)).toBe(stable(await s.registry.metrics()));
      expect(stable(await collect(await openExposition(s.registry)))).toBe(stable(await s.registry.metrics()));
    }
  });

  // promtool reads the Prometheus text format (OpenMetrics names counters apart from their samples).
  it('passes promtool check metrics for every care_* and SLO series', async () => {
    const exposition = await (await fetch(`${text.url}/metrics`)).text();
    expect(exposition).toContain('care_slo_error_budget_remaining_ratio{');
    const remarks = promtoolCheckMetrics(exposition)
      .output.split('\n')
      .filter((l) => l.includes('care_') || l.includes('pharmacy_'));
    expect(remarks).toEqual([]);
  });

  it('is ingested by a real Prometheus: calls by outcome, tenant and vendor, SLO gauges, the service’s own counter', async () => {
    for (const s of [text, om]) {
      const svc = s.metrics.service;
      const ok = await prometheus.waitForSeries(
        `care_calls_total{service="${svc}",operation="fetch-prescription",outcome="success",code="200"}`,
      );
      expect(ok.map((x) => x.value)).toEqual([CALLS - FAILED]);
      const failed = await prometheus.query(`care_calls_total{service="${svc}",outcome="server_error"}`);
      expect(failed.map((x) => [x.metric.code, x.value])).toEqual([['503', FAILED]]);
      const tenant = await prometheus.query(`sum by (tenant, vendor) (care_tenant_calls_total{service="${svc}"})`);
      expect(tenant).toEqual([{ metric: { tenant: 'apotheek-7', vendor: 'pharmasoft' }, value: CALLS }]);
      const ratio = await prometheus.waitForSeries(`care_slo_error_ratio{service="${svc}",window="1m"}`);
      expect(ratio.map((x) => x.value)).toEqual([FAILED / CALLS]);
    }
    const own = await prometheus.query('pharmacy_orders_total');
    expect(own.map((x) => x.value)).toEqual([3, 3]);
    expect((await prometheus.query('up')).map((x) => x.value)).toEqual([1, 1]);
  });

  it('keeps registry default labels on our series (the client formats them then)', async () => {
    const registry = new client.Registry();
    registry.setDefaultLabels({ region: 'nl-west' });
    const m: CareMetrics = createCareMetrics({ service: 'hub', registry });
    m.recordCall({ operation: 'login', outcome: 'success', code: 200 });
    const samples = parseSamples(await registry.metrics());
    expect(
      samples.get('care_calls_total{code="200",operation="login",outcome="success",region="nl-west",service="hub"}'),
    ).toBe(1);
  });

  it('refuses our names twice in one registry, and serves again after the SLO evaluator closes', () => {
    const registry = new client.Registry();
    const m = createCareMetrics({ service: 'hub', registry });
    expect(() => createCareMetrics({ service: 'hub', registry })).toThrow(
      /already has a metric named "care_calls_total"/,
    );
    const first = createSloEvaluator(m, [SLO], { autoStart: false });
    expect(() => createSloEvaluator(m, [SLO], { autoStart: false })).toThrow(
      expect.objectContaining({ code: 'HARTSLAG_ERR_REGISTRY_CONFLICT' }),
    );
    first.close();
    expect(registry.getSingleMetric('care_slo_burn_rate')).toBeUndefined();
  });
});

describe('the default registry', () => {
  const require = createRequire(import.meta.url);
  const missing = (name: string) =>
    Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });

  it('is prom-client’s when installed, else @prometheus-io/client’s', () => {
    expect(defaultRegistry(require)).toBeInstanceOf(promClient.Registry);
    const onlyIo = (name: string) => {
      if (name === 'prom-client') throw missing(name);
      return require(name);
    };
    expect(defaultRegistry(onlyIo)).toBeInstanceOf(ioClient.Registry);
  });

  it('names both clients when neither is installed', () => {
    const none = (name: string) => {
      throw missing(name);
    };
    expect(() => defaultRegistry(none)).toThrow(RegistryMissingError);
    expect(() => defaultRegistry(none)).toThrow(/install prom-client or @prometheus-io\/client/);
  });

  it('reports a client that is installed but fails to load, rather than trying the next', () => {
    const broken = (name: string) => {
      if (name === 'prom-client') throw missing('tdigest');
      return require(name);
    };
    expect(() => defaultRegistry(broken)).toThrow(/Cannot find module 'tdigest'/);
  });

  it('types: both clients’ Registry classes are PromRegistry', () => {
    const registries: PromRegistry[] = [new promClient.Registry(), new ioClient.Registry()];
    expect(registries.map((r) => r.contentType)).toEqual([
      promClient.Registry.PROMETHEUS_CONTENT_TYPE,
      ioClient.Registry.PROMETHEUS_CONTENT_TYPE,
    ]);
  });
});
