/**
 * recordMany(n, …) must leave every series as n calls of record(…) would: logwatch replays a
 * month of counted calls with it after a restart, and a restart must not change a figure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCareMetrics, type Outcome } from '../../src/index.js';
import { tables } from '../support/internals.js';
import { parseSamples } from '../support/samples.js';

const quiet = { onWarning: () => {} };
/** Caps small enough that a run fills the tenant table, its byte cap, the vendors and the codes. */
const TINY = {
  service: 'medication-history',
  tenants: { max: 3, maxBytes: 256, promoteAfter: 4, maxVendors: 3 },
  limits: { codesPerOperation: 3 },
  ...quiet,
};

const call = fc.record({
  n: fc.integer({ min: 1, max: 30 }),
  operation: fc.constantFrom('fetch-medication-history', 'register-dispensation'),
  outcome: fc.constantFrom<unknown>('success', 'server_error', 'denied', 'timeout', 'bogus'),
  seconds: fc.constantFrom<unknown>(undefined, 0.004, 0.3, 2.5, -1, Number.NaN, 700_000_000n),
  code: fc.constantFrom<unknown>(undefined, 200, '503', 'no_contract', 'c4', 'c5'),
  tenant: fc.constantFrom<unknown>(
    undefined,
    'apotheek-1',
    'apotheek-2',
    'apotheek-3',
    'apotheek-4',
    'apotheek-5',
    // 220 bytes each: longer than the ids they would replace, the byte cap's overflow path.
    'L'.repeat(110),
    'M'.repeat(110),
    // Patient data: a valid BSN and an e-mail address, redacted on every call.
    '111222333',
    'a.pharmacist@example.nl',
  ),
  vendor: fc.constantFrom<unknown>(undefined, 'pharmasoft', 'medisys', 'v3', 'v4'),
});

async function text(m: ReturnType<typeof createCareMetrics>): Promise<string> {
  return m.registry!.metrics();
}

/**
 * The same series with the same values; a duration sum may differ in its last bits, since n × s
 * is one rounding and n additions of s are n (recordMany's is the closer of the two).
 */
function expectSameSeries(bulk: Map<string, number>, single: Map<string, number>): void {
  expect([...bulk.keys()].sort()).toEqual([...single.keys()].sort());
  for (const [key, value] of single) {
    if (key.includes('_sum{')) expect(bulk.get(key)).toBeCloseTo(value, 9);
    else expect([key, bulk.get(key)]).toEqual([key, value]);
  }
}

describe('recordMany(n, …)', () => {
  it('leaves every series as n calls of record(…) do, at the caps and with hostile values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 40 }), async (calls) => {
        const bulk = createCareMetrics(TINY);
        const single = createCareMetrics(TINY);
        for (const c of calls) {
          const args = [
            c.outcome as Outcome,
            c.seconds as number,
            c.code as string,
            c.tenant as string,
            c.vendor as string,
          ] as const;
          bulk.operation(c.operation).recordMany(c.n, ...args);
          const handle = single.operation(c.operation);
          for (let i = 0; i < c.n; i++) handle.record(...args);
        }
        expectSameSeries(parseSamples(await text(bulk)), parseSamples(await text(single)));
        const [a, b] = [tables(bulk).tenants, tables(single).tenants];
        expect([a.names, a.bytes, a.evictions, a.overflowTotal]).toEqual([
          b.names,
          b.bytes,
          b.evictions,
          b.overflowTotal,
        ]);
      }),
      { numRuns: 400 },
    );
  });

  it('promotes a newcomer to a full table at the call that reaches promoteAfter, within one batch', async () => {
    const m = createCareMetrics({ ...TINY, tenants: { max: 2, promoteAfter: 10 } });
    const h = m.operation('fetch-medication-history');
    h.recordMany(50, 'success', 0.01, 200, 'apotheek-1', 'pharmasoft');
    h.recordMany(40, 'success', 0.01, 200, 'apotheek-2', 'pharmasoft');
    // Replaces apotheek-2 (estimate 40): its estimate starts at 40, its error at 40, so its 10th
    // call is the one that gets it a series: 9 calls under __other__, 21 its own.
    h.recordMany(30, 'success', 0.01, 200, 'apotheek-3', 'pharmasoft');
    const s = parseSamples(await text(m));
    const tenant = (t: string) =>
      s.get(
        `care_tenant_calls_total{outcome="success",service="medication-history",tenant="${t}",vendor="pharmasoft"}`,
      );
    expect([tenant('apotheek-1'), tenant('apotheek-2'), tenant('apotheek-3'), tenant('__other__')]).toEqual([
      50,
      undefined,
      21,
      9,
    ]);
  });

  it('refuses a count that is not a whole number >= 1, counting it, and records nothing', async () => {
    const m = createCareMetrics({ service: 'medication-history', ...quiet });
    const h = m.operation('fetch-medication-history');
    for (const n of [0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5', 2 ** 60]) {
      h.recordMany(n as number, 'success', 0.1, 200);
    }
    const s = parseSamples(await text(m));
    expect(s.get('care_instrumentation_errors_total{reason="input",service="medication-history"}')).toBe(7);
    expect(
      s.get(
        'care_calls_total{code="200",operation="fetch-medication-history",outcome="success",service="medication-history"}',
      ),
    ).toBeUndefined();
  });
});
