import { spawnSync } from 'node:child_process';
import {
  goToolBinary,
  type RunningCollector,
  type RunningPrometheus,
  startCollector,
  startPrometheus,
} from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { SERIES } from '../../src/rules/names.js';
import { parseSpec } from '../../src/spec/parseSpec.js';
import { otelSlo } from './fixtures.js';

/**
 * The real thing a hospital runs: a Go gRPC service (tools/record-service) instrumented with
 * otelgrpc and the OpenTelemetry Go SDK, exporting OTLP to the Collector built in tools/otelcol,
 * which remote-writes to Prometheus evaluating the rules of a `type: otel` SLO.
 */
let prometheus: RunningPrometheus;
let collector: RunningCollector;

const spec = parseSpec(otelSlo('record-lookups', 'rpc.server.call.duration', ', events: errors'), 'slos.yaml');
const rules = renderRules(generateRules(spec), 'slos.yaml').replace(/^(\s+)interval: .+$/gm, '$1interval: 1s');

beforeAll(async () => {
  prometheus = await startPrometheus([], { rules: [rules], remoteWriteReceiver: true });
  collector = await startCollector({ remoteWrite: `${prometheus.url}/api/v1/write` });
}, 60_000);

afterAll(async () => {
  await collector?.stop();
  await prometheus?.stop();
});

describe('a Go gRPC service with plain OpenTelemetry, through the Collector', () => {
  it('gets its SLO from a type: otel SLI: 1 call in 10 UNAVAILABLE is an error ratio of 0.1', async () => {
    const run = spawnSync(
      goToolBinary('record-service'),
      ['-otlp', collector.otlpMetricsUrl, '-batches', '6', '-ok', '9', '-unavailable', '1'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(`${run.status} ${run.stderr}`).toBe('0 ');
    const calls = await prometheus.waitForSeries('rpc_server_call_duration_seconds_count{job="records/record-api"}');
    expect(Object.fromEntries(calls.map((s) => [s.metric.rpc_response_status_code, s.value]))).toEqual({
      OK: 54,
      UNAVAILABLE: 6,
    });
    const [ratio] = await prometheus.waitForSeries(`${SERIES.errorRatio(5 * 60)}{slo="record-lookups"}`);
    expect(ratio!.value).toBeCloseTo(0.1, 9);
  }, 90_000);
});
