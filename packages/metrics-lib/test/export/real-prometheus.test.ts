import { type RunningPrometheus, type RunningPushgateway, startPrometheus, startPushgateway } from '@hartslag/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { Pushgateway, Registry, type RegistryContentType } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careMetricsPlugin, createCareMetrics } from '../../src/index.js';

/** A pharmacy-hub service on a real socket, its registry in text or OpenMetrics format. */
async function service(name: string, contentType: RegistryContentType) {
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(contentType);
  const metrics = createCareMetrics({ service: name, registry, tenants: { vendorOf: () => 'pharmasoft' } });
  const app = Fastify({ forceCloseConnections: true });
  await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });
  app.get('/prescriptions/:id', { config: { operation: 'fetch-prescription' } }, async (req, reply) =>
    (req.params as { id: string }).id === 'broken' ? reply.code(503).send() : { ok: true },
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  for (let i = 0; i < 40; i++) {
    await fetch(`${url}/prescriptions/${i % 10 === 0 ? 'broken' : `rx-${i}`}`, {
      headers: { 'x-pharmacy-id': 'apotheek-7' },
    });
  }
  return { app, metrics, target: url.replace('http://', '') };
}

describe('a real Prometheus scraping instrumented services', () => {
  let prometheus: RunningPrometheus;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    const text = await service('hub-text', Registry.PROMETHEUS_CONTENT_TYPE);
    const om = await service('hub-openmetrics', Registry.OPENMETRICS_CONTENT_TYPE);
    apps.push(text.app, om.app);
    prometheus = await startPrometheus([
      { job: 'text', target: text.target },
      { job: 'openmetrics', target: om.target },
    ]);
  });

  afterAll(async () => {
    await prometheus?.stop();
    for (const app of apps) await app.close();
  });

  it.each(['hub-text', 'hub-openmetrics'])('ingests %s: calls by outcome, tenant and vendor', async (svc) => {
    const ok = await prometheus.waitForSeries(
      `care_calls_total{service="${svc}",operation="fetch-prescription",outcome="success",code="200"}`,
    );
    expect(ok.map((s) => s.value)).toEqual([36]);
    const failed = await prometheus.query(`care_calls_total{service="${svc}",outcome="server_error"}`);
    expect(failed.map((s) => [s.metric.code, s.value])).toEqual([['503', 4]]);
    const tenant = await prometheus.query(`sum by (tenant, vendor) (care_tenant_calls_total{service="${svc}"})`);
    expect(tenant).toEqual([{ metric: { tenant: 'apotheek-7', vendor: 'pharmasoft' }, value: 40 }]);
  });

  it('answers the SLO queries the rules will use: error ratio and latency quantile', async () => {
    await prometheus.waitForSeries('care_call_duration_seconds_bucket{service="hub-openmetrics"}');
    const ratio = await prometheus.query(
      'sum by (service) (care_calls_total{outcome=~"server_error|timeout"}) / sum by (service) (care_calls_total)',
    );
    expect(ratio.map((s) => s.value)).toEqual([0.1, 0.1]);
    const p95 = await prometheus.query(
      'histogram_quantile(0.95, sum by (le, service) (care_call_duration_seconds_bucket{operation="fetch-prescription"}))',
    );
    expect(p95).toHaveLength(2);
    for (const s of p95) expect(s.value).toBeGreaterThan(0);
  });

  it('scrapes every target without errors', async () => {
    const up = await prometheus.query('up');
    expect(up.map((s) => s.value)).toEqual([1, 1]);
  });
});

describe('a real Pushgateway', () => {
  let gateway: RunningPushgateway;
  beforeAll(async () => {
    gateway = await startPushgateway();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('accepts our metrics pushed with prom-client, as a batch job would push them', async () => {
    const registry = new Registry();
    const metrics = createCareMetrics({ service: 'nightly-restart-replay', registry });
    for (let i = 0; i < 250; i++) metrics.recordCall({ operation: 'send-message', outcome: 'success', seconds: 0.003 });
    await new Pushgateway(gateway.url, {}, registry).pushAdd({ jobName: 'replay' });
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(
      /care_calls_total\{code="",instance="",job="replay",operation="send-message",outcome="success",service="nightly-restart-replay"\} 250/,
    );
  });
});
