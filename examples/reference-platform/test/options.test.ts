import { seededRandom } from '@hartslag/scenarios';
import { describe, expect, it } from 'vitest';
import { createReferencePlatform, OPERATIONS, TENANTS, VENDORS } from '../src/index.js';
import { LATENCY_PROFILES, LatencyModel } from '../src/operations/LatencyModel.js';

describe('createReferencePlatform', () => {
  it('names every invalid option at once', async () => {
    const err = await createReferencePlatform({
      dataDir: '',
      workers: 0,
      latencyScale: -1,
      deliveryMs: Number.NaN,
      callTimeoutMs: -1,
    }).then(
      () => undefined,
      (e: unknown) => e as Error & { code: string },
    );
    expect(err?.code).toBe('HARTSLAG_ERR_PLATFORM_OPTIONS');
    for (const field of ['dataDir', 'workers', 'latencyScale', 'deliveryMs', 'callTimeoutMs'])
      expect(err?.message).toContain(field);
  });
});

describe('the test data', () => {
  it('has 40 pharmacies with a contract across 5 vendors, and 2 without', () => {
    const contracted = TENANTS.filter((t) => t.contract);
    expect(contracted).toHaveLength(40);
    expect(new Set(contracted.map((t) => t.vendor))).toEqual(new Set(VENDORS));
    expect(TENANTS.filter((t) => !t.contract).map((t) => t.id)).toEqual([
      'pharmacy-nocontract-1',
      'pharmacy-nocontract-2',
    ]);
  });
});

describe('the latency model', () => {
  it.each(OPERATIONS)('draws %s with the median and p99 of its profile', (operation) => {
    const model = new LatencyModel(1, seededRandom(7));
    const draws = Array.from({ length: 20_000 }, () => model.sampleMs(operation)).sort((a, b) => a - b);
    const { medianMs, p99Ms } = LATENCY_PROFILES[operation];
    expect(draws[10_000]! / medianMs).toBeGreaterThan(0.93);
    expect(draws[10_000]! / medianMs).toBeLessThan(1.07);
    expect(draws[19_800]! / p99Ms).toBeGreaterThan(0.85);
    expect(draws[19_800]! / p99Ms).toBeLessThan(1.15);
  });

  it('scales every draw by latencyScale, and answers at once with 0', () => {
    const a = new LatencyModel(1, seededRandom(3)).sampleMs('login');
    const b = new LatencyModel(0.5, seededRandom(3)).sampleMs('login');
    expect(b).toBeCloseTo(a / 2, 9);
    expect(new LatencyModel(0, seededRandom(3)).sampleMs('login')).toBe(0);
  });
});
