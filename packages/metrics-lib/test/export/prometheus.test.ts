import { promtoolCheckMetrics } from '@hartslag/testkit';
import { AggregatorRegistry, Counter, collectDefaultMetrics, Registry, type RegistryContentType } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createCareMetrics } from '../../src/index.js';
import { handwritten } from '../support/handwritten.js';
import { parseSamples, samplesOf } from '../support/samples.js';
import { callMix } from '../support/traffic.js';

const traffic = (n: number) => callMix(n);

describe.each([
  ['Prometheus text', Registry.PROMETHEUS_CONTENT_TYPE],
  ['OpenMetrics', Registry.OPENMETRICS_CONTENT_TYPE],
] as const)('%s exposition', (_format, contentType) => {
  it('has the same samples as the hand-written prom-client equivalent', async () => {
    const ours = new Registry<RegistryContentType>();
    const theirs = new Registry<RegistryContentType>();
    ours.setContentType(contentType);
    theirs.setContentType(contentType);
    const m = createCareMetrics({ service: 'medication-history', registry: ours });
    const hand = handwritten(theirs, 'medication-history');
    for (const c of traffic(5_000)) {
      m.recordCall(c);
      hand.record(c.operation, c.outcome, c.seconds, c.code, c.tenant, c.vendor);
    }
    const a = await ours.metrics();
    const b = await theirs.metrics();
    for (const prefix of ['care_calls_total', 'care_tenant_calls_total', 'care_call_duration_seconds_bucket']) {
      expect(samplesOf(a, prefix)).toEqual(samplesOf(b, prefix));
    }
    // Sums are float additions in the same order: equal to the last bit.
    expect(samplesOf(a, 'care_call_duration_seconds_sum')).toEqual(samplesOf(b, 'care_call_duration_seconds_sum'));
    if (contentType === Registry.OPENMETRICS_CONTENT_TYPE) {
      expect(a.endsWith('# EOF\n')).toBe(true);
      expect(a).toContain('# TYPE care_calls counter');
    }
  });
});

describe('Prometheus exposition checked by promtool', () => {
  it('is valid for promtool check metrics, with a service metric beside ours', async () => {
    const registry = new Registry();
    new Counter({ name: 'hub_queue_messages_total', help: 'Queued messages.', registers: [registry] }).inc(3);
    const m = createCareMetrics({ service: 'medication-history', registry });
    for (const c of traffic(2_000)) m.recordCall(c);
    m.recordCall({ operation: 'odd "name"\\with\nnewline', outcome: 'success', seconds: 0.01 });
    const text = await registry.metrics();
    expect(text).toContain('hub_queue_messages_total 3');
    expect(text).toContain('operation="odd \\"name\\"\\\\with\\nnewline"');
    const check = promtoolCheckMetrics(text);
    expect(check.output).toBe('');
    expect(check.ok).toBe(true);
  });

  it('keeps prom-client default metrics working beside ours, and promtool finds nothing to say about ours', async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const m = createCareMetrics({ service: 'medication-history', registry });
    for (const c of traffic(500)) m.recordCall(c);
    const text = await registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('care_calls_total{');
    // prom-client's own nodejs_active_*_total gauges draw lint remarks; none may be about care_*.
    const remarks = promtoolCheckMetrics(text)
      .output.split('\n')
      .filter((l) => l.includes('care_'));
    expect(remarks).toEqual([]);
  });

  it('is caught by promtool when broken, so the check above can fail', () => {
    const check = promtoolCheckMetrics('# TYPE x counter\nx{a="1"} 1\nx{a="1"} 2\n');
    expect(check.ok).toBe(false);
  });
});

describe('prom-client registry integration', () => {
  it('serves JSON for cluster aggregation and aggregates two workers by summing', async () => {
    const worker = async (n: number) => {
      const registry = new Registry();
      const m = createCareMetrics({ service: 'hub', registry });
      for (let i = 0; i < n; i++) m.recordCall({ operation: 'login', outcome: 'success', seconds: 0.02, code: 200 });
      return registry.getMetricsAsJSON();
    };
    const merged = AggregatorRegistry.aggregate([await worker(3), await worker(4)]);
    const text = await merged.metrics();
    expect(
      parseSamples(text).get('care_calls_total{code="200",operation="login",outcome="success",service="hub"}'),
    ).toBe(7);
    expect(
      parseSamples(text).get('care_call_duration_seconds_count{operation="login",outcome="success",service="hub"}'),
    ).toBe(7);
  });

  it('falls back to prom-client formatting when the registry has default labels, keeping them', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ region: 'nl-west' });
    const m = createCareMetrics({ service: 'hub', registry });
    m.recordCall({ operation: 'login', outcome: 'success', code: 200 });
    const samples = parseSamples(await registry.metrics());
    expect(
      samples.get('care_calls_total{code="200",operation="login",outcome="success",region="nl-west",service="hub"}'),
    ).toBe(1);
  });

  it('names the tenant that took over a series slot, not the one it evicted, in the next scrape', async () => {
    const registry = new Registry();
    const m = createCareMetrics({ service: 'hub', registry, tenants: { max: 1, promoteAfter: 1 } });
    m.recordCall({ operation: 'login', outcome: 'success', tenant: 'apotheek-1', vendor: 'pharmacom' });
    const tenants = async () =>
      [...samplesOf(await registry.metrics(), 'care_tenant_calls_total')].filter(([k]) => !k.includes('__other__'));
    expect(await tenants()).toEqual([
      ['care_tenant_calls_total{outcome="success",service="hub",tenant="apotheek-1",vendor="pharmacom"}', 1],
    ]);
    for (let k = 0; k < 3; k++)
      m.recordCall({ operation: 'login', outcome: 'success', tenant: 'apotheek-2', vendor: 'medisys' });
    expect(await tenants()).toEqual([
      ['care_tenant_calls_total{outcome="success",service="hub",tenant="apotheek-2",vendor="medisys"}', 3],
    ]);
  });

  it('resets with registry.resetMetrics()', async () => {
    const registry = new Registry();
    const m = createCareMetrics({ service: 'hub', registry });
    m.recordCall({ operation: 'login', outcome: 'success', code: 200, seconds: 0.1, tenant: 't1' });
    registry.resetMetrics();
    const samples = parseSamples(await registry.metrics());
    expect(samples.get('care_calls_total{code="200",operation="login",outcome="success",service="hub"}')).toBe(0);
    expect([...samples.keys()].some((k) => k.startsWith('care_tenant_calls_total'))).toBe(false);
  });

  it('refuses a second CareMetrics on the same registry with a coded error', () => {
    const registry = new Registry();
    createCareMetrics({ service: 'hub', registry });
    expect(() => createCareMetrics({ service: 'other', registry })).toThrow(
      expect.objectContaining({ code: 'HARTSLAG_ERR_REGISTRY_CONFLICT' }),
    );
  });
});
