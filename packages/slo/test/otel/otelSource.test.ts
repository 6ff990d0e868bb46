import { describe, expect, it } from 'vitest';
import { SpecError, type SpecProblem } from '../../src/errors.js';
import { parseSpec } from '../../src/spec/parseSpec.js';
import { otelSlo } from './fixtures.js';

function problems(text: string): SpecProblem[] {
  try {
    parseSpec(text, 'slos.yaml');
  } catch (err) {
    if (err instanceof SpecError) return [...err.problems];
    throw err;
  }
  throw new Error('the spec parsed');
}

describe('SLI source type: otel', () => {
  it('turns rpc.server.duration errors into the gRPC server-fault codes of the translated series', () => {
    const { slos: [slo] = [] } = parseSpec(
      otelSlo('get-record', 'rpc.server.duration', ', events: errors, attributes: { rpc.method: GetRecord }'),
      'slos.yaml',
    );
    expect(slo!.indicator).toEqual({
      kind: 'ratio',
      bad: 'sum(rate(rpc_server_duration_milliseconds_count{job="records/record-api",rpc_method="GetRecord",rpc_grpc_status_code=~"2|4|12|13|14|15"}[{{window}}]))',
      total: 'sum(rate(rpc_server_duration_milliseconds_count{job="records/record-api"}[{{window}}]))',
    });
  });

  it('counts HTTP calls answered within a time as good, from the bucket in the metric unit', () => {
    const { slos: [slo] = [] } = parseSpec(
      otelSlo('fast-pages', 'http.server.request.duration', '', ', within: 250ms'),
      'slos.yaml',
    );
    expect(slo!.indicator).toMatchObject({
      good: 'sum(rate(http_server_request_duration_seconds_bucket{job="records/record-api",le="0.25"}[{{window}}]))',
    });
    const { slos: [rpc] = [] } = parseSpec(
      otelSlo('fast-rpc', 'rpc.server.duration', '', ', within: 250ms'),
      'slos.yaml',
    );
    expect(rpc!.indicator).toMatchObject({
      good: 'sum(rate(rpc_server_duration_milliseconds_bucket{job="records/record-api",le="250"}[{{window}}]))',
    });
  });

  it('names a misspelt metric, a bad event kind and a bad duration at their lines', () => {
    const found = problems(otelSlo('x', 'http.server.request.durations', ', events: failures, within: soon'));
    expect(found.map((p) => [p.path, p.message])).toEqual(
      expect.arrayContaining([
        [
          'spec.indicator.spec.ratioMetric.bad.metricSource.spec.metric',
          expect.stringMatching(/did you mean http.server.request.duration/),
        ],
        ['spec.indicator.spec.ratioMetric.bad.metricSource.spec.events', 'must be one of all, errors'],
        ['spec.indicator.spec.ratioMetric.bad.metricSource.spec.within', 'must be a duration such as 300ms or 1s'],
      ]),
    );
    expect(found.filter((p) => p.path.includes('.bad.')).map((p) => p.line)).toEqual([13, 13, 13]);
  });
});
