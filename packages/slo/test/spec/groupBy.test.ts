import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const doc = (metadata: string, spec = '') => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lookups-by-vendor
${metadata}
spec:
  service: medication-history
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.999 }]
  indicator:
    metadata: { name: calls }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="medication-history",outcome=~"server_error|timeout"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="medication-history"}' } } }
${spec}`;

function problems(text: string) {
  try {
    parseSpec(text, 'slos.yaml');
  } catch (err) {
    if (err instanceof SpecError) return err.problems.map((p) => ({ path: p.path, code: p.code }));
    throw err;
  }
  throw new Error('the spec was accepted');
}

describe('grouped SLOs in the spec', () => {
  it('reads hartslag.dev/by and by-top as one SLO per vendor, top 5', () => {
    const spec = parseSpec(doc('  annotations: { hartslag.dev/by: vendor, hartslag.dev/by-top: "5" }'), 'slos.yaml');
    expect(spec.slos[0]!.groupBy).toEqual({ label: 'vendor', top: 5 });
    expect(spec.warnings).toBeUndefined();
  });

  it('takes the top 10 when by-top is not given', () => {
    const spec = parseSpec(doc('  annotations: { hartslag.dev/by: tenant }'), 'slos.yaml');
    expect(spec.slos[0]!.groupBy).toEqual({ label: 'tenant', top: 10 });
  });

  it("reads Hartslag's own form spec.by, with a warning that prints the annotation", () => {
    const spec = parseSpec(doc('', '  by: [vendor]\n'), 'slos.yaml');
    expect(spec.slos[0]!.groupBy).toEqual({ label: 'vendor', top: 10 });
    expect(spec.warnings).toEqual([
      expect.objectContaining({
        path: 'spec.by',
        code: 'HARTSLAG_WARN_SPEC_DEPRECATED',
        message: expect.stringContaining('hartslag.dev/by: "vendor"'),
      }),
    ]);
  });

  it('refuses a label the metric contract does not bound, naming the labels it does', () => {
    expect(problems(doc('  annotations: { hartslag.dev/by: operation }'))).toEqual([
      { path: 'metadata.annotations.hartslag.dev/by[0]', code: 'HARTSLAG_ERR_SPEC_GROUP_LABEL' },
    ]);
    expect(problems(doc('', '  by: [hospital]\n'))).toEqual([
      { path: 'spec.by[0]', code: 'HARTSLAG_ERR_SPEC_GROUP_LABEL' },
    ]);
  });

  it('refuses what is not judged per group: an operation, the coffee-break rule', () => {
    const withOperation = doc('  annotations: { hartslag.dev/by: vendor, hartslag.dev/operation: lookup }');
    expect(problems(withOperation)).toContainEqual({
      path: 'metadata.annotations.hartslag.dev/by',
      code: 'HARTSLAG_ERR_SPEC_GROUP_UNSUPPORTED',
    });
    expect(problems(doc('  annotations: { hartslag.dev/by: vendor, hartslag.dev/max-outage: 10m }'))).toEqual([
      { path: 'metadata.annotations.hartslag.dev/by', code: 'HARTSLAG_ERR_SPEC_GROUP_UNSUPPORTED' },
    ]);
  });

  it('refuses by-top without by, and out of range', () => {
    expect(problems(doc('  annotations: { hartslag.dev/by-top: "5" }'))).toHaveLength(1);
    expect(problems(doc('  annotations: { hartslag.dev/by: vendor, hartslag.dev/by-top: "0" }'))).toEqual([
      { path: 'metadata.annotations.hartslag.dev/by-top', code: undefined },
    ]);
  });
});
