/**
 * Recording that no input can break (issue 24), as properties over every hostile kind of value
 * (test/support/hostile.ts), through recordCall, operation handles and timers. For each: no
 * exception escapes, every scrape parses strictly in both text formats, JSON and OTLP, no fed-in
 * BSN or e-mail appears in any output, and memory stays within its caps. The adapters' properties
 * are in hostile-adapters.test.ts; together about 100,000 runs per CI build.
 */
import { promtoolCheckMetrics } from '@hartslag/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CallEnd,
  type CallRecord,
  createCareMetrics,
  ERROR_CODES,
  HartslagError,
  type LabelValue,
  OUTCOMES,
  type Outcome,
} from '../../src/index.js';
import {
  hostileEnd,
  hostileOutcome,
  hostileRecord,
  hostileSeconds,
  hostileValue,
  isDocumented,
  type Make,
} from '../support/hostile.js';
import { tables } from '../support/internals.js';
import { expectBounded, heapAfterGc, outputChecks, quiet, runs, SMALL, TIMEOUT, total } from '../support/outputs.js';

const checkOutputs = outputChecks();

function readable(record: unknown, key: string): { ok: boolean; value: unknown } {
  if (record === null || typeof record !== 'object') return { ok: false, value: undefined };
  try {
    return { ok: true, value: (record as Record<string, unknown>)[key] };
  } catch {
    return { ok: false, value: undefined };
  }
}

const isOutcome = (v: unknown): v is Outcome => typeof v === 'string' && (OUTCOMES as readonly string[]).includes(v);

function validSeconds(v: unknown): boolean {
  if (typeof v === 'number') return v >= 0 && v !== Infinity;
  return typeof v === 'bigint' && v >= 0n && Number(v) / 1e9 !== Infinity;
}

describe('recording that no input can break', () => {
  it(
    'recordCall: no exception escapes, outputs parse and hold no patient data, memory stays within the caps',
    async () => {
      const m = createCareMetrics({ service: 'hub', ...quiet, ...SMALL });
      // Warm up the tables, so the heap figure below measures growth, not first allocation.
      m.recordCall({ operation: 'login', outcome: 'success', tenant: 't', vendor: 'v', seconds: 0.1 });
      const before = heapAfterGc();
      const escaped: unknown[] = [];
      fc.assert(
        fc.property(hostileRecord, (record) => {
          try {
            m.recordCall(record() as CallRecord);
          } catch (err) {
            escaped.push(err);
          }
        }),
        { numRuns: runs(0.45) },
      );
      expect(escaped).toEqual([]);
      expectBounded(m);
      const grown = heapAfterGc() - before;
      // The caps above hold at most ~100 kB of label text; allow for V8's own bookkeeping.
      expect(grown).toBeLessThan(24 * 1024 * 1024);
      const { text } = await checkOutputs(m);
      expect(m.instrumentationErrors).toBeGreaterThan(0);
      const check = promtoolCheckMetrics(text);
      expect(check.output).toBe('');
    },
    TIMEOUT,
  );

  it(
    'handles and timers: no exception escapes and every output parses',
    async () => {
      const m = createCareMetrics({ service: 'hub', ...quiet, ...SMALL });
      const handle = m.operation('fetch-prescription');
      const escaped: unknown[] = [];
      const v = (f: Make) => f() as LabelValue;
      const call = fc.oneof(
        fc.tuple(hostileOutcome, hostileSeconds, hostileValue, hostileValue, hostileValue).map(
          ([o, s, c, t, ven]) =>
            () =>
              handle.record(o() as Outcome, s() as number, v(c), v(t), v(ven)),
        ),
        fc.tuple(hostileValue, hostileOutcome, hostileSeconds, hostileValue).map(
          ([op, o, s, c]) =>
            () =>
              m.operation(v(op)).record(o() as Outcome, s() as number, v(c)),
        ),
        fc.tuple(hostileValue, hostileValue, hostileValue, hostileEnd).map(
          ([op, t, ven, end]) =>
            () =>
              m.start(v(op), v(t), v(ven)).end(end() as CallEnd),
        ),
        fc.tuple(hostileValue, hostileEnd).map(
          ([t, end]) =>
            () =>
              handle.start(v(t)).end(end() as CallEnd),
        ),
      );
      fc.assert(
        fc.property(call, (run) => {
          try {
            run();
          } catch (err) {
            escaped.push(err);
          }
        }),
        { numRuns: runs(0.35) },
      );
      expect(escaped).toEqual([]);
      expectBounded(m);
      await checkOutputs(m);
    },
    TIMEOUT,
  );

  it(
    'counts exactly the calls with a valid outcome, with latency exactly when the duration is valid',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(hostileRecord, { minLength: 1, maxLength: 6 }), async (makers) => {
          const records = makers.map((f) => f());
          const m = createCareMetrics({ service: 'hub', ...quiet, ...SMALL, tenants: { ...SMALL.tenants, max: 4 } });
          let calls = 0;
          let timed = 0;
          let withTenant = 0;
          let withVendor = 0;
          for (const r of records) {
            const outcome = readable(r, 'outcome');
            if (!outcome.ok || !isOutcome(outcome.value)) continue;
            calls++;
            const seconds = readable(r, 'seconds');
            if (seconds.ok && validSeconds(seconds.value)) timed++;
            // A tenant getter that throws still records the call, under tenant "__invalid__".
            const tenant = readable(r, 'tenant');
            if (!tenant.ok || tenant.value !== undefined) withTenant++;
            // A call is its vendor's when it names a tenant or a vendor (an unreadable one included).
            const vendor = readable(r, 'vendor');
            if (!tenant.ok || tenant.value !== undefined || !vendor.ok || vendor.value !== undefined) withVendor++;
          }
          for (const r of records) m.recordCall(r as CallRecord);
          const { samples } = await checkOutputs(m, { all: false });
          expect(total(samples, 'care_calls_total{')).toBe(calls);
          expect(total(samples, 'care_call_duration_seconds_count{')).toBe(timed);
          // Vendor totals are exact; a tenant series taken over by another tenant starts again at zero.
          expect(total(samples, 'care_vendor_calls_total{')).toBe(withVendor);
          if (tables(m).tenants.evictions === 0) expect(total(samples, 'care_tenant_calls_total{')).toBe(withTenant);
        }),
        { numRuns: runs(0.006) },
      );
    },
    TIMEOUT,
  );

  it(
    'strict mode throws only documented HartslagErrors',
    () => {
      const m = createCareMetrics({ service: 'hub', strict: true, ...SMALL });
      fc.assert(
        fc.property(hostileRecord, (record) => {
          try {
            m.recordCall(record() as CallRecord);
          } catch (err) {
            if (!(err instanceof HartslagError) || !isDocumented(err, ERROR_CODES)) throw err;
          }
        }),
        { numRuns: runs(0.12) },
      );
    },
    TIMEOUT,
  );
});
