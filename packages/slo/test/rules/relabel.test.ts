import { describe, expect, it } from 'vitest';
import { RelabelError } from '../../src/errors.js';
import { serviceRelabelling } from '../../src/rules/relabel.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const slo = (name: string, service: string, operation: string) => `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  service: ${service}
  operation: ${operation}
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.999 }]
`;

const spec = (...docs: string[]) => parseSpec(docs.join('---\n'), 'slos.yaml');

/** What Prometheus does with a metric_relabel_configs `replace` rule (anchored regex, $1-free replacement). */
function apply(rules: ReturnType<typeof serviceRelabelling>, labels: Record<string, string>): Record<string, string> {
  const out = { ...labels };
  for (const r of rules) {
    const value = r.source_labels.map((l) => out[l] ?? '').join(';');
    if (new RegExp(`^(?:${r.regex})$`).test(value)) out[r.target_label] = r.replacement;
  }
  return out;
}

describe('serviceRelabelling', () => {
  it("gives each series of a process hosting several services the spec's service, by operation", () => {
    const rules = serviceRelabelling(
      [
        spec(slo('a', 'medication-history', 'fetch-medication-history'), slo('b', 'messaging', 'login')),
        spec(slo('c', 'messaging', 'send-message'), slo('d', 'messaging', 'login')),
      ],
      'reference-platform',
    );
    expect(rules).toHaveLength(2);
    const of = (operation: string) =>
      apply(rules, { service: 'reference-platform', operation, outcome: 'success' }).service;
    expect(of('fetch-medication-history')).toBe('medication-history');
    expect(of('login')).toBe('messaging');
    expect(of('send-message')).toBe('messaging');
    expect(of('register-dispensation')).toBe('reference-platform'); // no SLO names it
    // Another process's series, and series without an operation, are left alone.
    expect(apply(rules, { service: 'other', operation: 'login' }).service).toBe('other');
    expect(apply(rules, { service: 'reference-platform', vendor: 'vendor-a' }).service).toBe('reference-platform');
  });

  it('escapes names that would be regex syntax', () => {
    const rules = serviceRelabelling([spec(slo('a', 'hub', 'fetch.v2'))], 'platform+1');
    expect(apply(rules, { service: 'platform+1', operation: 'fetch.v2' }).service).toBe('hub');
    expect(apply(rules, { service: 'platform+1', operation: 'fetchXv2' }).service).toBe('platform+1');
  });

  it('refuses an operation that two services claim, naming both', () => {
    const specs = [spec(slo('a', 'hub', 'login'), slo('b', 'messaging', 'login'))];
    expect(() => serviceRelabelling(specs, 'platform')).toThrow(RelabelError);
    expect(() => serviceRelabelling(specs, 'platform')).toThrow(/"login" belongs to services "hub" and "messaging"/);
  });
});
