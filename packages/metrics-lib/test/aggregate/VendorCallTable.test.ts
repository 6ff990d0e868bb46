import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { VENDOR_BREAKDOWN } from '../../src/contract.js';
import { createCareMetrics } from '../../src/index.js';
import { parseSamples, samplesOf } from '../support/samples.js';

const service = 'medication-history';
const quiet = { onWarning: () => {} };

async function exposed(build: (m: ReturnType<typeof createCareMetrics>) => void, options = {}) {
  const registry = new Registry();
  const m = createCareMetrics({ service, registry, ...quiet, ...options });
  build(m);
  return { m, text: await registry.metrics() };
}

const codes = (text: string) => samplesOf(text, 'care_vendor_codes_total');
const count = (text: string, operation: string, vendor: string) =>
  parseSamples(text).get(
    `care_vendor_call_duration_seconds_count{operation="${operation}",service="${service}",vendor="${vendor}"}`,
  );

describe('care_vendor_codes_total and care_vendor_call_duration_seconds', () => {
  it("counts a vendor's failed calls by operation and code, and every call's duration, success too", async () => {
    const { text } = await exposed((m) => {
      for (let i = 0; i < 3; i++) {
        m.recordCall({
          operation: 'login',
          outcome: 'success',
          code: 200,
          seconds: 0.02,
          tenant: 'a-1',
          vendor: 'pharmasoft',
        });
      }
      m.recordCall({ operation: 'login', outcome: 'denied', code: 'no_contract', seconds: 0.01, tenant: 'a-1' });
      m.recordCall({
        operation: 'login',
        outcome: 'denied',
        code: 'no_contract',
        seconds: 0.01,
        tenant: 'a-2',
        vendor: 'medisys',
      });
      m.recordCall({ operation: 'login', outcome: 'server_error', code: 503, seconds: 2, tenant: 'a-1' });
    });
    expect(codes(text)).toEqual(
      new Map([
        [`care_vendor_codes_total{code="no_contract",operation="login",service="${service}",vendor="pharmasoft"}`, 1],
        [`care_vendor_codes_total{code="no_contract",operation="login",service="${service}",vendor="medisys"}`, 1],
        [`care_vendor_codes_total{code="503",operation="login",service="${service}",vendor="pharmasoft"}`, 1],
      ]),
    );
    expect(count(text, 'login', 'pharmasoft')).toBe(5);
    expect(count(text, 'login', 'medisys')).toBe(1);
    // The 2 s call is above the 1 s bucket: the p95 a partner sees comes from these buckets.
    expect(
      parseSamples(text).get(
        `care_vendor_call_duration_seconds_bucket{le="1",operation="login",service="${service}",vendor="pharmasoft"}`,
      ),
    ).toBe(4);
  });

  it('takes the vendor from vendorOf, or from a call without a tenant, and leaves calls without a vendor out', async () => {
    const { text } = await exposed(
      (m) => {
        m.recordCall({ operation: 'login', outcome: 'timeout', seconds: 30, tenant: 'apotheek-7' });
        m.recordCall({ operation: 'login', outcome: 'timeout', seconds: 30, tenant: 'no-vendor' });
        m.recordCall({ operation: 'fetch', outcome: 'client_error', code: 400, seconds: 0.1, vendor: 'medisys' });
        m.recordCall({ operation: 'fetch', outcome: 'client_error', code: 400, seconds: 0.1 });
      },
      { tenants: { vendorOf: (t: string) => (t === 'apotheek-7' ? 'pharmasoft' : undefined) } },
    );
    expect(codes(text)).toEqual(
      new Map([
        [`care_vendor_codes_total{code="",operation="login",service="${service}",vendor="pharmasoft"}`, 1],
        [`care_vendor_codes_total{code="400",operation="fetch",service="${service}",vendor="medisys"}`, 1],
      ]),
    );
    expect(text).not.toContain(
      'vendor_call_duration_seconds_count{operation="login",service="medication-history",vendor="unknown"}',
    );
    expect(count(text, 'fetch', 'medisys')).toBe(1);
    // The exact calls per vendor count the call without a tenant too; the call naming neither is no vendor's.
    const calls = [...samplesOf(text, 'care_vendor_calls_total')].filter(([, n]) => n > 0);
    expect(new Map(calls)).toEqual(
      new Map([
        [`care_vendor_calls_total{outcome="timeout",service="${service}",vendor="pharmasoft"}`, 1],
        [`care_vendor_calls_total{outcome="timeout",service="${service}",vendor="unknown"}`, 1],
        [`care_vendor_calls_total{outcome="client_error",service="${service}",vendor="medisys"}`, 1],
      ]),
    );
  });

  it('holds each vendor to the contract caps: codes, operations and vendors beyond them are __other__', async () => {
    const { codesPerVendor, operationsPerVendor, vendors } = VENDOR_BREAKDOWN;
    const { text } = await exposed(
      (m) => {
        for (let c = 0; c < codesPerVendor + 8; c++) {
          m.recordCall({ operation: 'login', outcome: 'server_error', code: `E${c}`, vendor: 'pharmasoft' });
        }
        for (let o = 0; o < operationsPerVendor + 4; o++) {
          m.recordCall({ operation: `op-${o}`, outcome: 'success', seconds: 0.05, vendor: 'medisys' });
        }
        for (let v = 0; v < vendors + 20; v++)
          m.recordCall({ operation: 'login', outcome: 'success', seconds: 0.05, vendor: `v-${v}` });
      },
      { limits: { codesPerOperation: 64 } },
    );
    const mine = [...codes(text)].filter(([k]) => k.includes('vendor="pharmasoft"'));
    expect(mine).toHaveLength(codesPerVendor + 1);
    expect(
      codes(text).get(
        `care_vendor_codes_total{code="__other__",operation="__other__",service="${service}",vendor="pharmasoft"}`,
      ),
    ).toBe(8);
    const medisysOps = [...parseSamples(text).keys()].filter(
      (k) => k.startsWith('care_vendor_call_duration_seconds_count') && k.includes('vendor="medisys"'),
    );
    expect(medisysOps).toHaveLength(operationsPerVendor + 1);
    expect(count(text, '__other__', 'medisys')).toBe(4);
    const vendorLabels = new Set(
      [...parseSamples(text).keys()]
        .filter((k) => k.startsWith('care_vendor_call_duration_seconds_count'))
        .map((k) => /vendor="([^"]*)"/.exec(k)![1]),
    );
    expect(vendorLabels.size).toBe(vendors + 1);
    // pharmasoft and medisys came first; 98 of the v-… vendors got series, the other 22 share __other__.
    expect(count(text, 'login', '__other__')).toBe(22);
  });

  it('exports what the PII guard redacted as __redacted__, counted once per call', async () => {
    const { text } = await exposed((m) => {
      m.recordCall({ operation: 'login', outcome: 'denied', code: '111222333', seconds: 0.1, vendor: '123456782' });
    });
    expect(codes(text)).toEqual(
      new Map([
        [
          `care_vendor_codes_total{code="__redacted__",operation="login",service="${service}",vendor="__redacted__"}`,
          1,
        ],
      ]),
    );
    expect(text).not.toMatch(/111222333|123456782/);
    const redactions = samplesOf(text, 'care_label_redactions_total');
    expect(redactions.get(`care_label_redactions_total{label="code",service="${service}"}`)).toBe(1);
    expect(redactions.get(`care_label_redactions_total{label="vendor",service="${service}"}`)).toBe(1);
  });

  it('reads the same series through the aggregate after a reset: counters and histograms back to zero', async () => {
    const { m } = await exposed((mm) => {
      mm.recordCall({ operation: 'login', outcome: 'timeout', seconds: 30, vendor: 'pharmasoft' });
    });
    m.aggregate.reset('vendorCodes');
    m.aggregate.reset('vendorCallDuration');
    expect(Array.from(m.aggregate.family('vendorCodes').values)).toEqual([0]);
    expect(Array.from(m.aggregate.family('vendorCallDuration').values)).toEqual([0]);
    m.recordCall({ operation: 'login', outcome: 'timeout', seconds: 30, vendor: 'pharmasoft' });
    expect(Array.from(m.aggregate.family('vendorCodes').values)).toEqual([1]);
  });
});
