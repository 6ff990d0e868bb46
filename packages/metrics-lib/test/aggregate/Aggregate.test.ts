import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FamilySamples } from '../../src/aggregate/FamilySamples.js';
import { FAMILY_KEYS } from '../../src/aggregate/familyKeys.js';
import { createCareMetrics } from '../../src/index.js';
import { parseSamples } from '../support/samples.js';
import { callMix } from '../support/traffic.js';

const service = 'medication-history';
const quiet = { onWarning: () => {} };

/** A family's samples as `name{k="v",…}` (labels sorted, service included) → value, as parseSamples keys them. */
function keyed(name: string, f: FamilySamples): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < f.size; i++) {
    const labels = [`service="${service}"`];
    for (let j = 0; j < f.labelNames.length; j++) labels.push(`${f.labelNames[j]}="${f.label(i, j)}"`);
    out.set(`${name}{${labels.sort().join(',')}}`, f.values[i]!);
  }
  return out;
}

describe('the aggregate read interface (metrics.aggregate)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists every counter sample of the exposition, with its labels and value, and nothing else', async () => {
    const registry = new Registry();
    const m = createCareMetrics({ service, registry, tenants: { max: 40 }, ...quiet });
    for (const c of callMix(3_000)) m.recordCall(c);
    m.recordCall({ operation: 'login', outcome: 'denied', tenant: '111222333' });
    const exposed = parseSamples(await registry.metrics());
    const read = new Map<string, number>();
    for (const key of FAMILY_KEYS) {
      const f = m.aggregate.family(key);
      if (f.type === 'counter') for (const [k, v] of keyed(m.names[key], f)) read.set(k, v);
    }
    const counters = new Map(
      [...exposed].filter(
        ([k]) => !k.startsWith('care_call_duration_seconds') && !k.startsWith('care_vendor_call_duration_seconds'),
      ),
    );
    expect(read).toEqual(counters);
    expect(
      read.get(`care_tenant_calls_total{outcome="denied",service="${service}",tenant="__redacted__",vendor="unknown"}`),
    ).toBe(1);
  });

  it('gives each histogram sample its per-bucket counts, sum and count', () => {
    const m = createCareMetrics({ service, registry: false, buckets: [0.1, 1] });
    for (const seconds of [0.05, 0.5, 0.7, 3]) m.recordCall({ operation: 'login', outcome: 'success', seconds });
    const f = m.aggregate.family('callDuration');
    expect(f.labelNames).toEqual(['operation', 'outcome']);
    const i = [...Array(f.size).keys()].find((k) => f.label(k, 1) === 'success')!;
    expect(f.histogram!.counts.subarray(i * 3, i * 3 + 3)).toEqual(Float64Array.of(1, 2, 1));
    expect(f.histogram!.sums[i]).toBeCloseTo(4.25, 10);
    expect(f.values[i]).toBe(4);
  });

  it('hands out a snapshot: what is recorded or reset after it does not change it', () => {
    const m = createCareMetrics({ service, registry: false });
    m.recordCall({ operation: 'login', outcome: 'success', tenant: 'apotheek-1' });
    const calls = m.aggregate.family('calls');
    const tenants = m.aggregate.family('tenantCalls');
    m.recordCall({ operation: 'login', outcome: 'success', tenant: 'apotheek-1' });
    m.aggregate.reset('tenantCalls');
    expect(Array.from(calls.values)).toEqual([1]);
    expect(Array.from(tenants.values)).toEqual([1]);
    expect(Array.from(m.aggregate.family('calls').values)).toEqual([2]);
    expect(m.aggregate.family('tenantCalls').size).toBe(0);
  });

  it('resets a family to zero: call series stay at 0, tenant series are gone until counted again', () => {
    const m = createCareMetrics({ service, registry: false });
    m.recordCall({ operation: 'login', outcome: 'success', code: 200, seconds: 0.1, tenant: 'apotheek-1' });
    for (const key of FAMILY_KEYS) m.aggregate.reset(key);
    const calls = m.aggregate.family('calls');
    expect([calls.size, Array.from(calls.values)]).toEqual([1, [0]]);
    expect(Array.from(m.aggregate.family('callDuration').values)).toEqual([0, 0, 0, 0, 0]);
    expect(m.aggregate.family('tenantCalls').size).toBe(0);
    expect(m.aggregate.family('vendorCalls').size).toBe(0);
    m.recordCall({ operation: 'login', outcome: 'success', tenant: 'apotheek-1' });
    expect(Array.from(m.aggregate.family('tenantCalls').values)).toEqual([1]);
  });

  it('keeps a tenant slot at its place when it changes hands, under a new id and start time', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const m = createCareMetrics({ service, registry: false, tenants: { max: 1, promoteAfter: 1 } });
    const at = (t: number, tenant: string) => {
      vi.setSystemTime(t);
      m.recordCall({ operation: 'login', outcome: 'success', tenant });
    };
    at(1_000, 'apotheek-1');
    const before = m.aggregate.family('tenantCalls');
    // The table is full: the newcomer takes apotheek-1's slot, and its series, on its first call.
    at(5_000, 'apotheek-2');
    const after = m.aggregate.family('tenantCalls');
    const own = (f: FamilySamples) => [...Array(f.size).keys()].filter((i) => !f.label(i, 0).startsWith('__'));
    const [b] = own(before);
    const [a] = own(after);
    expect([before.label(b!, 0), after.label(a!, 0)]).toEqual(['apotheek-1', 'apotheek-2']);
    expect(after.places[a!]).toBe(before.places[b!]);
    expect(after.ids[a!]).not.toBe(before.ids[b!]);
    expect([before.startedAt(b!), after.startedAt(a!)]).toEqual([1_000, 5_000]);
  });
});
