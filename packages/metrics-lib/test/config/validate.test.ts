import { describe, expect, it } from 'vitest';
import { ConfigError, createCareMetrics } from '../../src/index.js';
import { tables } from '../support/internals.js';

function problemsOf(options: unknown): string[] {
  try {
    createCareMetrics(options as never);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('HARTSLAG_ERR_CONFIG_INVALID');
    return (err as ConfigError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('invalid options throw at start-up, naming each field', () => {
  it('requires a service name', () => {
    expect(problemsOf({})[0]).toMatch(/^service: is required/);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      service: 'hub',
      namespace: 'care-metrics',
      tenants: { max: 0, promoteAfter: 1.5, vendorOf: 'pharmasoft' },
      buckets: [0.1, 0.05, -1],
      limits: { operations: 'many' },
      registry: {},
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'namespace',
      'registry',
      'tenants.max',
      'tenants.promoteAfter',
      'limits.operations',
      'tenants.vendorOf',
      'buckets[1]',
      'buckets[2]',
    ]);
    expect(problems.join('\n')).toContain('buckets[1]: must be greater than buckets[0] (0.1), got 0.05');
  });

  it('suggests the intended name for a misspelt option', () => {
    expect(problemsOf({ service: 'hub', tenants: { maxx: 5 } })).toEqual([
      'tenants.maxx: is not an option; did you mean "max"? (known: max, maxBytes, promoteAfter, vendorOf, maxVendors, maxVendorBytes)',
    ]);
  });

  it('refuses a service name that looks like patient data', () => {
    expect(() => createCareMetrics({ service: '123456782' })).toThrow(/service: looks like patient data/);
  });

  it('accepts a complete, valid configuration', () => {
    const m = createCareMetrics({
      service: 'medication-history',
      namespace: 'care',
      registry: false,
      tenants: { max: 5_000, promoteAfter: 5, vendorOf: () => 'pharmasoft', maxVendors: 50 },
      buckets: [0.01, 0.1, 1],
      limits: { operations: 20, codesPerOperation: 10 },
      strict: false,
      onWarning: () => {},
    });
    expect(m.registry).toBeUndefined();
    expect(tables(m).tenants.capacity).toBe(5_000);
  });
});
