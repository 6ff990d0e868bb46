import { describe, expect, it } from 'vitest';
import { createCareMetrics } from '../../src/index.js';
import { tables } from '../support/internals.js';

const service = 'medication-history';
const tenantsOf = (metrics: ReturnType<typeof createCareMetrics>) => {
  const t = tables(metrics).tenants;
  const out: string[] = [];
  for (let s = 0; s < t.size; s++) if (t.exported[s] === 1) out.push(t.names[s]!);
  return out;
};

describe('tenant series under the cap', () => {
  it('gives every tenant its own series at once while there is room', () => {
    const m = createCareMetrics({ service, registry: false, tenants: { max: 100 } });
    for (let i = 0; i < 100; i++) m.recordCall({ operation: 'login', outcome: 'success', tenant: `practice-${i}` });
    expect(tenantsOf(m)).toHaveLength(100);
    expect(tables(m).tenants.overflowTotal).toBe(0);
  });
});

describe('tenant series beyond the cap', () => {
  it('never exports more tenant series than the cap, with a million distinct tenant ids', () => {
    const m = createCareMetrics({ service, registry: false, tenants: { max: 1_000 } });
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1_000_000; i++) {
      m.recordCall({ operation: 'fetch-prescription', outcome: 'success', tenant: `t${i}`, vendor: `v${i % 7}` });
    }
    expect(tenantsOf(m).length).toBeLessThanOrEqual(1_000);
    expect(tables(m).tenants.size).toBe(1_000);
    // Bounded: a million ids did not stay in memory (generous bound; the bench reports the real heap).
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('gives a pharmacy that starts hammering after 10,000 others its own series', () => {
    const m = createCareMetrics({ service, registry: false, tenants: { max: 10_000 } });
    // A normal morning: 10,000 pharmacies, a few calls each.
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10_000; i++) {
        m.recordCall({ operation: 'fetch-medication-history', outcome: 'success', tenant: `apotheek-${i}` });
      }
    }
    // Then one more pharmacy asks 1,000 patients in an hour, among a stream of one-off ids.
    for (let i = 0; i < 1_000; i++) {
      m.recordCall({ operation: 'fetch-medication-history', outcome: 'success', tenant: 'apotheek-overuser' });
      for (let k = 0; k < 5; k++) {
        m.recordCall({ operation: 'fetch-medication-history', outcome: 'success', tenant: `one-off-${i}-${k}` });
      }
    }
    expect(tenantsOf(m)).toContain('apotheek-overuser');
    const slot = tables(m).tenants.slot('apotheek-overuser')!;
    // Its series counts what it did since it got the series: nearly all of its 1,000 calls.
    expect(tables(m).tenants.counts[slot * 5]).toBeGreaterThan(980);
    // One-off ids never got a series of their own: no churn from a scan.
    expect(tenantsOf(m).some((t) => t.startsWith('one-off'))).toBe(false);
    expect(tenantsOf(m).length).toBeLessThanOrEqual(10_000);
  });

  it('counts calls of tenants without a series as tenant="__other__" and in care_tenant_overflow_total', async () => {
    const m = createCareMetrics({ service, tenants: { max: 2, promoteAfter: 3 } });
    m.recordCall({ operation: 'login', outcome: 'success', tenant: 'a', vendor: 'pharmasoft' });
    m.recordCall({ operation: 'login', outcome: 'success', tenant: 'a', vendor: 'pharmasoft' });
    m.recordCall({ operation: 'login', outcome: 'success', tenant: 'b', vendor: 'pharmasoft' });
    m.recordCall({ operation: 'login', outcome: 'server_error', tenant: 'c', vendor: 'medisys' });
    const text = await m.registry!.metrics();
    expect(text).toContain(
      'care_tenant_calls_total{service="medication-history",tenant="a",vendor="pharmasoft",outcome="success"} 2',
    );
    expect(text).toContain(
      'care_tenant_calls_total{service="medication-history",tenant="__other__",vendor="medisys",outcome="server_error"} 1',
    );
    expect(text).toContain('care_tenant_overflow_total{service="medication-history"} 1');
    expect(text).not.toContain('tenant="c"');
  });

  it('keeps vendor totals exact while tenant series are evicted and replaced', async () => {
    const m = createCareMetrics({ service, tenants: { max: 50, promoteAfter: 2 } });
    const expected = new Map<string, number>();
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 48271) % 2147483647;
      const tenant = `t${seed % 400}`;
      const vendor = `vendor-${(seed % 400) % 5}`;
      m.recordCall({ operation: 'send-message', outcome: 'success', tenant, vendor });
      expected.set(vendor, (expected.get(vendor) ?? 0) + 1);
    }
    expect(tables(m).tenants.evictions).toBeGreaterThan(0);
    const text = await m.registry!.metrics();
    for (const [vendor, n] of expected) {
      expect(text).toContain(
        `care_vendor_calls_total{service="medication-history",vendor="${vendor}",outcome="success"} ${n}`,
      );
    }
  });

  it('asks vendorOf once per new tenant and survives a vendorOf that throws', async () => {
    const asked: string[] = [];
    const warnings: string[] = [];
    const m = createCareMetrics({
      service,
      onWarning: (e) => warnings.push(e.code),
      tenants: {
        vendorOf: (tenant) => {
          asked.push(tenant);
          if (tenant === 'broken') throw new Error('lookup failed');
          return tenant.startsWith('apotheek') ? 'pharmasoft' : 'medisys';
        },
      },
    });
    for (let i = 0; i < 3; i++) m.recordCall({ operation: 'login', outcome: 'success', tenant: 'apotheek-1' });
    m.recordCall({ operation: 'login', outcome: 'success', tenant: 'broken' });
    expect(asked).toEqual(['apotheek-1', 'broken']);
    const text = await m.registry!.metrics();
    expect(text).toContain('tenant="apotheek-1",vendor="pharmasoft",outcome="success"} 3');
    // A failed lookup is not "unknown" (no vendor named): it is a placeholder of its own, counted.
    expect(text).toContain('tenant="broken",vendor="__invalid__",outcome="success"} 1');
    expect(m.instrumentationErrors).toBe(1);
    expect(text).toContain('care_instrumentation_errors_total{service="medication-history",reason="resolver"} 1');
    expect(warnings).toEqual(['HARTSLAG_ERR_RECORD_INVALID']);
  });
});
