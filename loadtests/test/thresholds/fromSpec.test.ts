import { parseSpec } from '@hartslag/slo';
import { describe, expect, it } from 'vitest';
import { LoadtestError } from '../../src/errors.js';
import { loadThresholds, thresholdsFromSpecs } from '../../src/thresholds/fromSpec.js';

const doc = (name: string, spec: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: messaging
  timeWindow:
    - duration: 30d
      isRolling: true
${spec}`;

const latency = (name: string, operation: string, target: number, le: string) =>
  doc(
    name,
    `  operation: ${operation}
  objectives:
    - target: ${target}
  indicator:
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(care_call_duration_seconds_bucket{operation="${operation}",le="${le}"}[{{window}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(care_call_duration_seconds_count{operation="${operation}"}[{{window}}]))
`,
  );

const availability = (name: string, operation: string, target: number) =>
  doc(name, `  operation: ${operation}\n  objectives:\n    - target: ${target}\n`);

describe('thresholds from the SLO spec', () => {
  it('read an availability objective as the error ratio a test may show', () => {
    const spec = parseSpec(availability('send', 'send-message', 0.999), 'slos.yaml');
    expect(thresholdsFromSpecs([spec])).toEqual([
      { operation: 'send-message', maxErrorRatio: 0.001, errorSlo: 'send', latency: [] },
    ]);
  });

  it('read a share of calls within a bucket as a percentile limit: 99% within 0.5 s is p99 < 500 ms', () => {
    const spec = parseSpec(
      [latency('l99', 'login', 0.99, '0.5'), latency('l95', 'login', 0.95, '0.25')].join('---\n'),
      'slos.yaml',
    );
    expect(thresholdsFromSpecs([spec])).toEqual([
      {
        operation: 'login',
        latency: [
          { percentile: 95, maxMs: 250, slo: 'l95' },
          { percentile: 99, maxMs: 500, slo: 'l99' },
        ],
      },
    ]);
  });

  it('keep the strictest limit when two files limit the same thing', () => {
    const a = parseSpec([availability('a', 'login', 0.99), latency('la', 'login', 0.99, '1')].join('---\n'), 'a.yaml');
    const b = parseSpec(
      [availability('b', 'login', 0.999), latency('lb', 'login', 0.99, '0.5')].join('---\n'),
      'b.yaml',
    );
    const [login] = thresholdsFromSpecs([a, b]);
    expect(login).toMatchObject({ maxErrorRatio: 0.001, errorSlo: 'b', latency: [{ percentile: 99, maxMs: 500 }] });
  });

  it('find the operation of a custom indicator in its query', () => {
    const [login] = loadThresholds().filter((t) => t.operation === 'login');
    expect(login!.errorSlo).toBe('provider-login');
  });

  it('refuse a latency target no engine reports, naming the file and line', () => {
    const spec = parseSpec(latency('odd', 'login', 0.97, '0.5'), 'slos.yaml');
    expect(() => thresholdsFromSpecs([spec])).toThrow(LoadtestError);
    expect(() => thresholdsFromSpecs([spec])).toThrow(/slos\.yaml:2: latency SLO odd has target 0\.97/);
  });

  it('give every operation of the committed specs an error limit and p95 and p99 limits', () => {
    const all = loadThresholds();
    expect(all.map((t) => t.operation)).toEqual([
      'fetch-medication-history',
      'fetch-prescription',
      'login',
      'register-dispensation',
      'send-message',
    ]);
    // The committed specs: 99.9% availability everywhere but register-dispensation's 99.5%.
    expect(all.map((t) => t.maxErrorRatio)).toEqual([0.001, 0.001, 0.001, 0.005, 0.001]);
    for (const t of all) expect(t.latency.map((l) => l.percentile)).toEqual([95, 99]);
    expect(all.find((t) => t.operation === 'register-dispensation')!.maxErrorRatio).toBe(0.005);
  });
});
