import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import {
  AggregationTemporality,
  type CollectionResult,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  type MetricData,
  MetricReader,
  type MetricReaderOptions,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeLabelValue, formatBound } from '../../src/export/prometheus/escape.js';
import { type CallRecord, type CareMetrics, createCareMetrics, otelInstruments } from '../../src/index.js';
import { CareMetricProducer, careMetricReaderOptions } from '../../src/otel.js';
import { parseSamples } from '../support/samples.js';
import { callMix } from '../support/traffic.js';

const quiet = { onWarning: () => {} };

/** The shared mix with gaps, plus a redacted tenant and a call that cannot be recorded. */
function traffic(n: number): CallRecord[] {
  return [
    ...callMix(n, { seed: 7, gaps: true }),
    // A BSN (valid by the eleven test, made up) where a tenant id belongs: redacted.
    { operation: 'fetch-prescription', outcome: 'success', tenant: 'patient-123456782', vendor: 'vendor-1' },
    { operation: 'fetch-prescription', outcome: 'no-such-outcome' as never },
  ];
}

/** The parts of an OTLP/JSON ExportMetricsServiceRequest the tests read (int64s may come as strings). */
interface OtlpRequest {
  resourceMetrics: { scopeMetrics: { metrics: OtlpMetric[] }[] }[];
}
interface OtlpMetric {
  name: string;
  unit: string;
  sum?: { isMonotonic: boolean; aggregationTemporality: number; dataPoints: OtlpPoint[] };
  histogram?: { dataPoints: OtlpPoint[] };
}
interface OtlpPoint {
  attributes: { key: string; value: { stringValue?: string } }[];
  startTimeUnixNano: string | number;
  timeUnixNano: string | number;
  asInt?: string | number;
  count?: string | number;
  sum?: number;
  bucketCounts?: (string | number)[];
  explicitBounds?: number[];
}

/** A reader that only collects when asked, for tests that look at one collection. */
class PullReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

function pullReader(options: MetricReaderOptions): PullReader {
  const reader = new PullReader(options);
  new MeterProvider({ readers: [reader] });
  return reader;
}

/** OTel metric data written as parseSamples keys, through the Prometheus names of the contract. */
function asSamples(m: CareMetrics, data: MetricData[]): Map<string, number> {
  const promName = new Map(Object.values(otelInstruments(m.namespace, m.names)).map((i) => [i.name, i.prometheusName]));
  const samples = new Map<string, number>();
  const put = (name: string, attributes: Record<string, unknown>, value: number) => {
    const labels = Object.entries(attributes).map(([k, v]) => `${k}="${escapeLabelValue(String(v))}"`);
    const key = `${name}{${labels.sort().join(',')}}`;
    expect(samples.has(key), `duplicate point ${key}`).toBe(false);
    samples.set(key, value);
  };
  for (const metric of data) {
    const name = promName.get(metric.descriptor.name)!;
    expect(name, metric.descriptor.name).toBeDefined();
    if (metric.dataPointType === DataPointType.SUM) {
      for (const p of metric.dataPoints) put(name, p.attributes, p.value);
    } else if (metric.dataPointType === DataPointType.HISTOGRAM) {
      for (const p of metric.dataPoints) {
        const { boundaries, counts } = p.value.buckets;
        let cumulative = 0;
        counts.forEach((c, i) => {
          cumulative += c;
          put(`${name}_bucket`, { ...p.attributes, le: formatBound(boundaries[i] ?? Infinity) }, cumulative);
        });
        put(`${name}_sum`, p.attributes, p.value.sum!);
        put(`${name}_count`, p.attributes, p.value.count);
      }
    } else {
      throw new Error(`unexpected data point type ${metric.dataPointType}`);
    }
  }
  return samples;
}

function ours(result: CollectionResult): MetricData[] {
  const scopes = result.resourceMetrics.scopeMetrics.filter((s) => s.scope.name === '@hartslag/metrics');
  expect(scopes).toHaveLength(1);
  return scopes[0]!.metrics;
}

function tenantPoints(result: CollectionResult) {
  const calls = ours(result).find((d) => d.descriptor.name === 'care.tenant.calls')!;
  expect(calls.dataPointType).toBe(DataPointType.SUM);
  return calls.dataPoints.map((p) => ({
    tenant: p.attributes.tenant,
    value: p.value as number,
    startTime: p.startTime,
  }));
}

describe('OpenTelemetry export through a MetricReader', () => {
  it('has the same value for every series as the Prometheus exposition of the same calls', async () => {
    const options = { service: 'medication-history', tenants: { max: 12, promoteAfter: 5 }, ...quiet };
    const prom = createCareMetrics(options);
    const m = createCareMetrics({ ...options, registry: false });
    for (const c of traffic(5_000)) {
      prom.recordCall(c);
      m.recordCall(c);
    }
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({
      exporter,
      exportIntervalMillis: 3_600_000,
      metricProducers: [new CareMetricProducer(m)],
    });
    const provider = new MeterProvider({ readers: [reader] });
    provider.getMeter('pharmacy-hub').createCounter('hub.queue.messages').add(3, { queue: 'dispensations' });
    await reader.forceFlush();
    const [exported] = exporter.getMetrics();
    await provider.shutdown();

    const data = ours({ resourceMetrics: exported!, errors: [] });
    const expected = parseSamples(await prom.registry!.metrics());
    const got = asSamples(m, data);
    expect(got).toEqual(expected);
    // The comparison only means something if the traffic reached every family and row kind.
    const keys = [...got.keys()];
    for (const part of [
      'tenant="__other__"',
      'tenant="__redacted__"',
      'code=""',
      'label="tenant"',
      'le="+Inf"',
      'care_vendor_codes_total{',
      'care_vendor_call_duration_seconds_bucket{',
    ]) {
      expect(
        keys.some((k) => k.includes(part)),
        part,
      ).toBe(true);
    }
    expect(got.get('care_instrumentation_errors_total{reason="outcome",service="medication-history"}')).toBe(1);
    expect(got.get('care_tenant_overflow_total{service="medication-history"}')).toBeGreaterThan(0);

    for (const d of data) {
      expect(d.aggregationTemporality).toBe(AggregationTemporality.CUMULATIVE);
      if (d.dataPointType === DataPointType.SUM) expect(d.isMonotonic).toBe(true);
    }
    expect(data.map((d) => [d.descriptor.name, d.descriptor.unit])).toEqual([
      ['care.calls', '{call}'],
      ['care.call.duration', 's'],
      ['care.tenant.calls', '{call}'],
      ['care.vendor.calls', '{call}'],
      ['care.tenant.overflow', '{call}'],
      ['care.label.redactions', '{redaction}'],
      ['care.instrumentation.errors', '{error}'],
      ['care.vendor.codes', '{call}'],
      ['care.vendor.call.duration', 's'],
    ]);
    expect(exported!.scopeMetrics.find((s) => s.scope.name === '@hartslag/metrics')!.scope.version).toBe('0.1.0');

    // The service's own instrument from the same MeterProvider is exported beside ours.
    const own = exported!.scopeMetrics.find((s) => s.scope.name === 'pharmacy-hub')!;
    expect(own.metrics[0]!.descriptor.name).toBe('hub.queue.messages');
    expect(own.metrics[0]!.dataPoints[0]).toMatchObject({ value: 3, attributes: { queue: 'dispensations' } });
  });

  it('works through careMetricReaderOptions and reports histogram buckets per bucket, not cumulated', async () => {
    const m = createCareMetrics({ service: 'medication-history', registry: false, buckets: [0.1, 1], ...quiet });
    for (const seconds of [0.05, 0.05, 0.5, 3]) m.recordCall({ operation: 'login', outcome: 'success', seconds });
    const result = await pullReader(careMetricReaderOptions(m)).collect();
    expect(result.errors).toEqual([]);
    const duration = ours(result).find((d) => d.descriptor.name === 'care.call.duration')!;
    expect(duration.dataPointType).toBe(DataPointType.HISTOGRAM);
    const success = duration.dataPoints.find((p) => p.attributes.outcome === 'success')!;
    expect(success.attributes).toEqual({ service: 'medication-history', operation: 'login', outcome: 'success' });
    expect(success.value).toEqual({ buckets: { boundaries: [0.1, 1], counts: [2, 1, 1] }, sum: 3.6, count: 4 });
    // Every outcome has its histogram from the first call, as on /metrics.
    expect(duration.dataPoints).toHaveLength(5);
  });
});

describe('OpenTelemetry export over OTLP/HTTP', () => {
  it('delivers care.calls with its value and attributes to a collector', async () => {
    const bodies: { contentType: string | undefined; body: string }[] = [];
    const server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      if (req.method === 'POST' && req.url === '/v1/metrics')
        bodies.push({ contentType: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const m = createCareMetrics({ service: 'medication-history', registry: false, ...quiet });
      for (let i = 0; i < 3; i++)
        m.recordCall({ operation: 'fetch-medication-history', outcome: 'success', code: 200, seconds: 0.02 });
      m.recordCall({
        operation: 'fetch-medication-history',
        outcome: 'timeout',
        code: 504,
        seconds: 30,
        tenant: 'apotheek-0001',
      });
      const reader = new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `http://127.0.0.1:${port}/v1/metrics` }),
        exportIntervalMillis: 3_600_000,
        metricProducers: [new CareMetricProducer(m)],
      });
      const provider = new MeterProvider({ readers: [reader] });
      await reader.forceFlush();
      await provider.shutdown();

      expect(bodies.length).toBeGreaterThanOrEqual(1);
      expect(bodies[0]!.contentType).toBe('application/json');
      const payload = JSON.parse(bodies[0]!.body) as OtlpRequest;
      const metrics = payload.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
      const calls = metrics.find((x) => x.name === 'care.calls')!;
      expect(calls).toMatchObject({ unit: '{call}', sum: { isMonotonic: true, aggregationTemporality: 2 } });
      const points = calls.sum!.dataPoints.map((p) => ({
        attributes: Object.fromEntries(p.attributes.map((a) => [a.key, a.value.stringValue])),
        value: Number(p.asInt),
        started: BigInt(p.startTimeUnixNano) > 0n && BigInt(p.startTimeUnixNano) <= BigInt(p.timeUnixNano),
      }));
      expect(points).toEqual([
        {
          attributes: {
            service: 'medication-history',
            operation: 'fetch-medication-history',
            outcome: 'success',
            code: '200',
          },
          value: 3,
          started: true,
        },
        {
          attributes: {
            service: 'medication-history',
            operation: 'fetch-medication-history',
            outcome: 'timeout',
            code: '504',
          },
          value: 1,
          started: true,
        },
      ]);
      const duration = metrics.find((x) => x.name === 'care.call.duration')!;
      const timeout = duration.histogram!.dataPoints.find((p) =>
        p.attributes.some((a) => a.key === 'outcome' && a.value.stringValue === 'timeout'),
      )!;
      expect(timeout).toMatchObject({ count: 1, sum: 30, explicitBounds: Array.from(m.aggregate.bounds) });
      expect(timeout.bucketCounts!.map(Number)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
      expect(metrics.some((x) => x.name === 'care.tenant.calls')).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('OpenTelemetry tenant series', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('restarts the cumulative series with a new start time when another tenant takes over the slot', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.UTC(2025, 0, 6, 8, 0, 0);
    vi.setSystemTime(t0);
    const m = createCareMetrics({
      service: 'medication-history',
      registry: false,
      tenants: { max: 2, promoteAfter: 1 },
    });
    const reader = pullReader({ metricProducers: [new CareMetricProducer(m)] });
    const call = (tenant: string) => m.recordCall({ operation: 'login', outcome: 'success', tenant });
    for (let i = 0; i < 5; i++) call('apotheek-a');
    call('apotheek-b');
    call('apotheek-b');
    expect(tenantPoints(await reader.collect())).toEqual([
      { tenant: 'apotheek-a', value: 5, startTime: [t0 / 1000, 0] },
      { tenant: 'apotheek-b', value: 2, startTime: [t0 / 1000, 0] },
    ]);

    // apotheek-c evicts b, the tenant with the fewest calls, and is promoted at once.
    vi.setSystemTime(t0 + 1_500);
    call('apotheek-c');
    expect(tenantPoints(await reader.collect())).toEqual([
      { tenant: 'apotheek-a', value: 5, startTime: [t0 / 1000, 0] },
      { tenant: 'apotheek-c', value: 1, startTime: [t0 / 1000 + 1, 500_000_000] },
    ]);

    // b comes back into c's slot: its series starts over at 1 with a later start time, not at 3.
    vi.setSystemTime(t0 + 2_250);
    call('apotheek-b');
    const points = tenantPoints(await reader.collect());
    expect(points).toEqual([
      { tenant: 'apotheek-a', value: 5, startTime: [t0 / 1000, 0] },
      { tenant: 'apotheek-b', value: 1, startTime: [t0 / 1000 + 2, 250_000_000] },
    ]);
    // Vendor calls stay exact across evictions.
    const vendor = ours(await reader.collect()).find((d) => d.descriptor.name === 'care.vendor.calls')!;
    expect(vendor.dataPoints.map((p) => p.value)).toEqual([9]);
  });
});
