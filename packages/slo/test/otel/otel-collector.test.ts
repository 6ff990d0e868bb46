import { type RunningCollector, type RunningPrometheus, startCollector, startPrometheus } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { SERIES } from '../../src/rules/names.js';
import { parseSpec } from '../../src/spec/parseSpec.js';
import { otelSlo } from './fixtures.js';

/**
 * A service that speaks only OpenTelemetry (as otelgrpc in Go does: rpc.server.duration in ms,
 * rpc.grpc.status_code, service.namespace/service.name) sends OTLP to the Collector built in the
 * repo, which remote-writes to a real Prometheus evaluating the rules of a `type: otel` SLO.
 */
let prometheus: RunningPrometheus;
let collector: RunningCollector;

const spec = parseSpec(otelSlo('get-record', 'rpc.server.duration', ', events: errors'), 'slos.yaml');
const rules = renderRules(generateRules(spec), 'slos.yaml').replace(/^(\s+)interval: .+$/gm, '$1interval: 1s');

/** One OTLP/JSON export of cumulative rpc.server.duration histograms: `ok` calls and `unavailable` ones. */
function exportBody(ok: number, unavailable: number, startNs: bigint): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  const point = (code: number, count: number) => ({
    attributes: [
      { key: 'rpc.system', value: { stringValue: 'grpc' } },
      { key: 'rpc.service', value: { stringValue: 'records.v1.Records' } },
      { key: 'rpc.method', value: { stringValue: 'GetRecord' } },
      { key: 'rpc.grpc.status_code', value: { intValue: String(code) } },
    ],
    startTimeUnixNano: String(startNs),
    timeUnixNano: String(now),
    count: String(count),
    sum: count * 12,
    explicitBounds: [5, 25, 100],
    bucketCounts: ['0', String(count), '0', '0'],
  });
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: {
          attributes: [
            { key: 'service.namespace', value: { stringValue: 'records' } },
            { key: 'service.name', value: { stringValue: 'record-api' } },
            { key: 'service.instance.id', value: { stringValue: 'record-api-1' } },
          ],
        },
        scopeMetrics: [
          {
            scope: { name: 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc' },
            metrics: [
              {
                name: 'rpc.server.duration',
                unit: 'ms',
                histogram: { aggregationTemporality: 2, dataPoints: [point(0, ok), point(14, unavailable)] },
              },
            ],
          },
        ],
      },
    ],
  });
}

beforeAll(async () => {
  prometheus = await startPrometheus([], { rules: [rules], remoteWriteReceiver: true });
  collector = await startCollector({ remoteWrite: `${prometheus.url}/api/v1/write` });
}, 60_000);

afterAll(async () => {
  await collector?.stop();
  await prometheus?.stop();
});

describe('an otel SLI through a real Collector and Prometheus', () => {
  it('the rules find the translated series and record the error ratio: 1 call in 10 unavailable', async () => {
    const start = BigInt(Date.now()) * 1_000_000n;
    let ok = 0;
    let unavailable = 0;
    // Ten exports 500 ms apart, 9 good calls and 1 UNAVAILABLE each.
    for (let i = 0; i < 10; i++) {
      ok += 9;
      unavailable += 1;
      const res = await fetch(collector.otlpMetricsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: exportBody(ok, unavailable, start),
      });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
    }
    const calls = await prometheus.waitForSeries('rpc_server_duration_milliseconds_count{job="records/record-api"}');
    expect(calls.map((s) => [s.metric.rpc_grpc_status_code, s.value]).sort()).toEqual([
      ['0', 90],
      ['14', 10],
    ]);
    const [ratio] = await prometheus.waitForSeries(`${SERIES.errorRatio(5 * 60)}{slo="get-record"}`);
    expect(ratio!.value).toBeCloseTo(0.1, 9);
  }, 60_000);
});
