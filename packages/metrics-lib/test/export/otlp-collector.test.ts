import { type RunningCollector, type RunningPrometheus, startCollector, startPrometheus } from '@hartslag/testkit';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CareMetrics, careMetricsPlugin, createCareMetrics } from '../../src/index.js';
import { CareMetricProducer } from '../../src/otel.js';

/**
 * One service, two paths to one real Prometheus: its /metrics scraped every second (job "scrape"),
 * and OTLP → the OpenTelemetry Collector built in tools/otelcol → remote-write (job = the OTel
 * service.name, "pharmacy-hub"). Both must report the same calls per series.
 */
const OTLP_JOB = 'pharmacy-hub';
const SERIES = 'service, operation, outcome, code';

let prometheus: RunningPrometheus;
let collector: RunningCollector;
let app: FastifyInstance;
let url: string;
let metrics: CareMetrics;
let reader: PeriodicExportingMetricReader;
let provider: MeterProvider;
/** Calls sent so far, by `operation outcome code`: what both paths must end up showing. */
const sent = new Map<string, number>();

async function traffic(n: number, offset: number): Promise<void> {
  for (let i = offset; i < offset + n; i++) {
    const broken = i % 10 === 0;
    const missing = i % 7 === 0 && !broken;
    const id = broken ? 'broken' : missing ? 'missing' : `rx-${i}`;
    await fetch(`${url}/prescriptions/${id}`, { headers: { 'x-pharmacy-id': 'apotheek-7' } });
    const key = broken
      ? 'fetch-prescription server_error 503'
      : missing
        ? 'fetch-prescription client_error 404'
        : 'fetch-prescription success 200';
    sent.set(key, (sent.get(key) ?? 0) + 1);
  }
}

type Counts = Record<string, number>;
async function counts(job: string): Promise<Counts> {
  const samples = await prometheus.query(`sum by (${SERIES}) (care_calls_total{job="${job}"})`);
  return Object.fromEntries(
    samples.map((s) => [`${s.metric.operation} ${s.metric.outcome} ${s.metric.code}`, s.value]),
  );
}

/** Waits until `job` shows exactly what was sent (or fails with what it shows after 20 s). */
async function until(job: string): Promise<Counts> {
  const want = Object.fromEntries(sent);
  const deadline = Date.now() + 20_000;
  let seen: Counts = {};
  while (Date.now() < deadline) {
    seen = await counts(job);
    if (JSON.stringify(Object.entries(seen).sort()) === JSON.stringify(Object.entries(want).sort())) return seen;
    await new Promise((r) => setTimeout(r, 200));
  }
  return seen;
}

beforeAll(async () => {
  metrics = createCareMetrics({
    service: 'hub',
    registry: new Registry(),
    tenants: { vendorOf: () => 'pharmasoft' },
  });
  app = Fastify({ forceCloseConnections: true });
  await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });
  app.get('/prescriptions/:id', { config: { operation: 'fetch-prescription' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (id === 'broken') return reply.code(503).send();
    if (id === 'missing') return reply.code(404).send();
    return { ok: true };
  });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  prometheus = await startPrometheus([{ job: 'scrape', target: url.replace('http://', '') }], {
    remoteWriteReceiver: true,
  });
  collector = await startCollector({ remoteWrite: `${prometheus.url}/api/v1/write` });
  reader = new PeriodicExportingMetricReader({
    // Generous: the export that meets a restarting Collector retries until it is back.
    exporter: new OTLPMetricExporter({ url: collector.otlpMetricsUrl, timeoutMillis: 30_000 }),
    // Exports happen when the test flushes, so it knows what each export holds.
    exportIntervalMillis: 3_600_000,
    exportTimeoutMillis: 30_000,
    metricProducers: [new CareMetricProducer(metrics)],
  });
  provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': OTLP_JOB, 'service.instance.id': 'hub-1' }),
    readers: [reader],
  });
}, 60_000);

afterAll(async () => {
  await provider?.shutdown().catch(() => {});
  await collector?.stop();
  await prometheus?.stop();
  await app?.close();
});

describe('OTLP through a real OpenTelemetry Collector into a real Prometheus (remote-write)', () => {
  it('gives the same counts per series as a scrape of the same traffic', async () => {
    await traffic(70, 0);
    await reader.forceFlush();
    const scraped = await until('scrape');
    const pushed = await until(OTLP_JOB);
    expect(scraped).toEqual({
      'fetch-prescription success 200': 54,
      'fetch-prescription client_error 404': 9,
      'fetch-prescription server_error 503': 7,
    });
    expect(pushed).toEqual(scraped);
  }, 60_000);

  it('translates names and resource attributes as the Prometheus world expects', async () => {
    const [calls] = await prometheus.query(`care_calls_total{job="${OTLP_JOB}",outcome="success"}`);
    expect(calls?.metric).toMatchObject({ instance: 'hub-1', service: 'hub', operation: 'fetch-prescription' });
    // Histograms keep their buckets: one count per call, the same as scraped.
    const durations = await prometheus.query(
      `sum by (job) (care_call_duration_seconds_count{operation="fetch-prescription"})`,
    );
    expect(Object.fromEntries(durations.map((s) => [s.metric.job, s.value]))).toEqual({ scrape: 70, [OTLP_JOB]: 70 });
    const tenant = await prometheus.query(`sum by (job, tenant, vendor) (care_tenant_calls_total)`);
    expect(tenant.map((s) => [s.metric.job, s.metric.tenant, s.metric.vendor, s.value]).sort()).toEqual([
      [OTLP_JOB, 'apotheek-7', 'pharmasoft', 70],
      ['scrape', 'apotheek-7', 'pharmasoft', 70],
    ]);
  });

  it('loses nothing across a Collector restart: the export that met it retries, and the totals agree', async () => {
    await collector.halt();
    await traffic(30, 70);
    expect(
      await fetch(collector.otlpMetricsUrl).then(
        () => 'listening',
        () => 'refused',
      ),
    ).toBe('refused');
    // The first attempt is refused; the exporter retries with back-off while the Collector starts.
    const flushed = reader.forceFlush();
    await collector.start();
    await flushed;
    const scraped = await until('scrape');
    const pushed = await until(OTLP_JOB);
    expect(scraped).toEqual({
      'fetch-prescription success 200': 77,
      'fetch-prescription client_error 404': 13,
      'fetch-prescription server_error 503': 10,
    });
    expect(pushed).toEqual(scraped);
  }, 60_000);
});
