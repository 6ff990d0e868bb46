import { describe, expect, it } from 'vitest';
import { createCareMetrics, type HartslagError, PiiLabelError } from '../../src/index.js';
import { tables } from '../support/internals.js';
import { parseSamples } from '../support/samples.js';

const service = 'medication-history';
const key = (labels: string) => `care_calls_total{${labels}}`;

describe('recording calls', () => {
  it('counts a call by operation, outcome and code, and observes its duration', async () => {
    const m = createCareMetrics({ service });
    m.recordCall({ operation: 'fetch-prescription', outcome: 'success', code: 200, seconds: 0.042 });
    m.recordCall({ operation: 'fetch-prescription', outcome: 'success', code: '200', seconds: 0.3 });
    m.recordCall({ operation: 'fetch-prescription', outcome: 'denied', code: 'no_contract', seconds: 0.001 });
    const s = parseSamples(await m.registry!.metrics());
    expect(s.get(key('code="200",operation="fetch-prescription",outcome="success",service="medication-history"'))).toBe(
      2,
    );
    expect(
      s.get(key('code="no_contract",operation="fetch-prescription",outcome="denied",service="medication-history"')),
    ).toBe(1);
    const h = 'operation="fetch-prescription",outcome="success",service="medication-history"';
    expect(s.get(`care_call_duration_seconds_count{${h}}`)).toBe(2);
    expect(s.get(`care_call_duration_seconds_bucket{le="0.05",${h}}`)).toBe(1);
    expect(s.get(`care_call_duration_seconds_bucket{le="0.5",${h}}`)).toBe(2);
    expect(s.get(`care_call_duration_seconds_sum{${h}}`)).toBeCloseTo(0.342, 10);
  });

  it('exports every outcome of a seen operation at zero, so the first server error is not lost to rate()', async () => {
    const m = createCareMetrics({ service });
    m.recordCall({ operation: 'login', outcome: 'success' });
    const s = parseSamples(await m.registry!.metrics());
    expect(
      s.get('care_call_duration_seconds_count{operation="login",outcome="server_error",service="medication-history"}'),
    ).toBe(0);
  });

  it('times a call with start() and end(), recording it once', async () => {
    const m = createCareMetrics({ service });
    const timer = m.start('send-message', 'huisarts-12', 'medisys');
    await new Promise((r) => setTimeout(r, 20));
    const seconds = timer.end({ outcome: 'success', code: 202 });
    timer.end({ outcome: 'server_error' });
    expect(seconds).toBeGreaterThanOrEqual(0.015);
    const s = parseSamples(await m.registry!.metrics());
    expect(s.get(key('code="202",operation="send-message",outcome="success",service="medication-history"'))).toBe(1);
    expect(
      s.get(key('code="",operation="send-message",outcome="server_error",service="medication-history"')),
    ).toBeUndefined();
    expect(
      s.get(
        'care_tenant_calls_total{outcome="success",service="medication-history",tenant="huisarts-12",vendor="medisys"}',
      ),
    ).toBe(1);
  });

  it('records through a pre-bound handle exactly like recordCall', async () => {
    const a = createCareMetrics({ service });
    const b = createCareMetrics({ service });
    const handle = b.operation('register-dispensation');
    for (let i = 0; i < 100; i++) {
      a.recordCall({
        operation: 'register-dispensation',
        outcome: 'success',
        code: 201,
        seconds: i / 100,
        tenant: `p${i % 3}`,
      });
      handle.record('success', i / 100, 201, `p${i % 3}`);
    }
    expect(await b.registry!.metrics()).toBe(await a.registry!.metrics());
  });
});

describe('recording never throws into the request path', () => {
  it('counts an unknown outcome or a bad duration in care_instrumentation_errors_total and warns once', async () => {
    const warnings: HartslagError[] = [];
    const m = createCareMetrics({ service, onWarning: (e) => warnings.push(e) });
    expect(() => m.recordCall({ operation: 'login', outcome: 'kaput' as never })).not.toThrow();
    expect(() => m.recordCall({ operation: 'login', outcome: 'success', seconds: Number.NaN })).not.toThrow();
    expect(() => m.recordCall({ operation: 'login', outcome: 'success', seconds: -1 })).not.toThrow();
    expect(() => m.recordCall(undefined as never)).not.toThrow();
    const s = parseSamples(await m.registry!.metrics());
    const errors = (reason: string) =>
      s.get(`care_instrumentation_errors_total{reason="${reason}",service="medication-history"}`);
    expect([errors('outcome'), errors('duration'), errors('input'), errors('label')]).toEqual([1, 2, 1, 0]);
    // Bad durations still count the call itself: nothing is lost.
    expect(s.get(key('code="",operation="login",outcome="success",service="medication-history"'))).toBe(2);
    expect(warnings.map((w) => w.code)).toEqual(['HARTSLAG_ERR_RECORD_INVALID']);
    expect(warnings[0]!.message).toContain('outcome must be one of');
  });

  it.each(['operation', 'outcome', 'seconds', 'code', 'tenant', 'vendor'])(
    'reads each property of a call once when its %s getter throws, and keeps what the others gave',
    async (bad) => {
      const m = createCareMetrics({ service, onWarning: () => {} });
      const given: Record<string, unknown> = {
        operation: 'login',
        outcome: 'success',
        seconds: 0.01,
        code: 200,
        tenant: 'apotheek-1',
        vendor: 'pharmacom',
      };
      const reads: string[] = [];
      const call = {};
      for (const [name, value] of Object.entries(given)) {
        Object.defineProperty(call, name, {
          enumerable: true,
          get() {
            reads.push(name);
            if (name === bad) throw new Error('getter');
            return value;
          },
        });
      }
      m.recordCall(call as never);
      expect(reads).toEqual(Object.keys(given));
      const s = parseSamples(await m.registry!.metrics());
      expect(s.get(`care_instrumentation_errors_total{reason="input",service="${service}"}`)).toBe(1);
      if (bad === 'outcome') return; // a call without an outcome cannot be placed
      const operation = bad === 'operation' ? '__invalid__' : 'login';
      const code = bad === 'code' ? '__invalid__' : '200';
      expect(s.get(key(`code="${code}",operation="${operation}",outcome="success",service="${service}"`))).toBe(1);
      const h = `operation="${operation}",outcome="success",service="${service}"`;
      expect(s.get(`care_call_duration_seconds_count{${h}}`)).toBe(bad === 'seconds' ? 0 : 1);
      const tenant = bad === 'tenant' ? '__invalid__' : 'apotheek-1';
      const vendor = bad === 'vendor' ? '__invalid__' : 'pharmacom';
      expect(
        s.get(`care_tenant_calls_total{outcome="success",service="${service}",tenant="${tenant}",vendor="${vendor}"}`),
      ).toBe(1);
    },
  );

  it('survives an onWarning hook that throws', () => {
    const m = createCareMetrics({
      service,
      onWarning: () => {
        throw new Error('logger down');
      },
    });
    expect(() => m.recordCall({ operation: 'login', outcome: 'nope' as never })).not.toThrow();
    expect(m.instrumentationErrors).toBe(1);
  });

  it('throws in strict mode, for development', () => {
    const m = createCareMetrics({ service, strict: true });
    expect(() => m.recordCall({ operation: 'login', outcome: 'nope' as never })).toThrow(
      expect.objectContaining({ code: 'HARTSLAG_ERR_RECORD_INVALID' }),
    );
  });
});

describe('patient data never reaches a label', () => {
  it('redacts a BSN, an e-mail address and a phone number wherever they appear, and counts each', async () => {
    const m = createCareMetrics({ service, onWarning: () => {} });
    m.recordCall({ operation: 'GET /patients/123456782/history', outcome: 'success' });
    m.recordCall({ operation: 'login', outcome: 'denied', code: 'jan.jansen@example.nl' });
    m.recordCall({ operation: 'login', outcome: 'success', tenant: '+31 6 12345678' });
    m.recordCall({ operation: 'login', outcome: 'success', tenant: 'apotheek-1', vendor: '111222333' });
    m.recordCall({ operation: 'login', outcome: 'success', tenant: '+31 6 12345678' });
    const text = await m.registry!.metrics();
    for (const raw of ['123456782', 'jan.jansen', '12345678', '111222333']) expect(text).not.toContain(raw);
    const s = parseSamples(text);
    expect(s.get('care_label_redactions_total{label="operation",service="medication-history"}')).toBe(1);
    expect(s.get('care_label_redactions_total{label="code",service="medication-history"}')).toBe(1);
    expect(s.get('care_label_redactions_total{label="tenant",service="medication-history"}')).toBe(2);
    expect(s.get('care_label_redactions_total{label="vendor",service="medication-history"}')).toBe(1);
    expect(s.get(key('code="",operation="__redacted__",outcome="success",service="medication-history"'))).toBe(1);
    expect(
      s.get(
        'care_tenant_calls_total{outcome="success",service="medication-history",tenant="__redacted__",vendor="unknown"}',
      ),
    ).toBe(2);
  });

  it('does not keep redacted values in memory: a stream of distinct BSNs leaves no handles behind', () => {
    const m = createCareMetrics({ service, onWarning: () => {} });
    for (let i = 0; i < 1000; i++) {
      const d = String(100000000 + i * 7919).slice(0, 8);
      // Complete the 11-check so every value is a valid BSN.
      const sum = [...d].reduce((acc, c, k) => acc + Number(c) * (9 - k), 0);
      const last = sum % 11;
      if (last > 9) continue;
      m.recordCall({ operation: `GET /patients/${d}${last}`, outcome: 'success' });
    }
    expect(tables(m).calls.slots.map((s) => s.name)).toEqual(['__redacted__']);
    // Handles are kept by exported name only: the one for "__redacted__", no raw paths.
    expect([...(m as unknown as { handles: Map<string, unknown> }).handles.keys()]).toEqual(['__redacted__']);
  });

  it('throws PiiLabelError in strict mode without the value in the message', () => {
    const m = createCareMetrics({ service, strict: true });
    let caught: unknown;
    try {
      m.recordCall({ operation: 'login', outcome: 'success', tenant: '123456782' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PiiLabelError);
    expect((caught as PiiLabelError).code).toBe('HARTSLAG_ERR_PII_LABEL');
    expect((caught as Error).message).not.toContain('123456782');
  });
});

describe('cardinality caps', () => {
  it('puts operations and codes beyond their caps under __other__', async () => {
    const m = createCareMetrics({ service, limits: { operations: 3, codesPerOperation: 2 } });
    for (let i = 0; i < 10; i++) m.recordCall({ operation: `op-${i}`, outcome: 'success' });
    for (let i = 0; i < 10; i++) m.recordCall({ operation: 'op-0', outcome: 'client_error', code: 400 + i });
    const s = parseSamples(await m.registry!.metrics());
    expect(s.get(key('code="",operation="__other__",outcome="success",service="medication-history"'))).toBe(7);
    expect(s.get(key('code="__other__",operation="op-0",outcome="client_error",service="medication-history"'))).toBe(8);
  });
});
