import { createCareMetrics, type Outcome } from '@hartslag/metrics';
import { describe, expect, it } from 'vitest';
import { Ledger, type LedgerState } from '../../src/index.js';

const OUTCOMES: Outcome[] = ['success', 'success', 'client_error', 'denied', 'timeout'];

function calls(n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = (i * 31) % 97;
    const tenant = i % 7 === 0 ? undefined : `apotheek-${t}`;
    out.push({
      operation: ['fetch-history', 'dispense', 'lookup'][i % 3]!,
      outcome: OUTCOMES[(i * 13) % OUTCOMES.length]!,
      code: i % 5 === 0 ? undefined : String(200 + (i % 4)),
      tenant,
      // A pharmacy runs one vendor's software (the tenant series carries one vendor per tenant).
      vendor: tenant === undefined ? undefined : ['medisys', 'pharmasoft'][t % 2],
      seconds: i % 11 === 0 ? undefined : ((i * 7) % 300) / 1000,
    });
  }
  return out;
}

/** Series a checkpoint from before the per-vendor families cannot hold: their calls replay paired as they can. */
const PER_VENDOR = /^care_vendor_(codes_total|call_duration_seconds)/;

const text = async (m: ReturnType<typeof createCareMetrics>, leaveOut?: RegExp) =>
  (await m.registry!.metrics())
    .split('\n')
    .filter((l) => l.startsWith('care_') && !leaveOut?.test(l))
    // Sums of durations are added in another order on replay: equal to the float's last digits.
    .map((l) => (l.includes('_sum{') ? l.replace(/ (\S+)$/, (_, v: string) => ` ${Number(v).toFixed(9)}`) : l))
    .sort();

/** A state with every list in one order: replay adds the same counts in another. */
function sorted(state: LedgerState): LedgerState {
  const order = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    ...state,
    calls: order(state.calls).map((r) => JSON.parse(r)),
    tenants: order(state.tenants ?? []).map((r) => JSON.parse(r)),
    latencies: order(
      state.latencies.map(([op, o, pool, v]) => [op, o, [...pool].sort((a, b) => a[0] - b[0] || a[1] - b[1]), v]),
    ).map((r) => JSON.parse(r)),
  };
}

describe('Ledger', () => {
  it('replays its state into series equal to the recorded ones (calls, codes, tenants, vendors, histogram)', async () => {
    const first = createCareMetrics({ service: 'hub', onWarning: () => {} });
    const ledger = new Ledger(first);
    for (const c of calls(5000)) ledger.record(c);
    const state = JSON.parse(JSON.stringify(ledger.state())) as LedgerState;
    // Calls keyed without tenants, tenants without operations: fewer keys than lines' full keys
    // (operations × outcomes × codes × vendors, with no vendor among them).
    expect(state.vendors).toBe(true);
    expect(state.calls.every((c) => c[3] === '')).toBe(true);
    expect(state.calls.length).toBeLessThanOrEqual(3 * 4 * 5 * 3);

    const second = createCareMetrics({ service: 'hub', onWarning: () => {} });
    const replayed = new Ledger(second);
    replayed.replay(state);
    expect(replayed.total).toBe(5000);
    const got = await text(second);
    expect(got).toEqual(await text(first));
    expect(got.some((l) => l.startsWith('care_tenant_calls_total{') && / [1-9]\d*$/.test(l))).toBe(true);
    expect(sorted(replayed.state())).toEqual(sorted(state));
  });

  it('replays a checkpoint written before tenants were kept apart (full keys in calls)', async () => {
    const first = createCareMetrics({ service: 'hub', onWarning: () => {} });
    const all = calls(600);
    for (const c of all) first.recordCall(c);
    const rows = new Map<string, LedgerState['calls'][number]>();
    for (const c of all) {
      const row: LedgerState['calls'][number] = [
        c.operation,
        c.outcome,
        c.code ?? '',
        c.tenant ?? '',
        c.vendor ?? '',
        0,
      ];
      const key = JSON.stringify(row);
      const seen = rows.get(key) ?? row;
      seen[5]++;
      rows.set(key, seen);
    }
    const pools = new Map<string, Map<number, number>>();
    for (const c of all) {
      const key = `${c.operation}|${c.outcome}`;
      const pool = pools.get(key) ?? new Map<number, number>();
      const s = c.seconds ?? -1;
      pool.set(s, (pool.get(s) ?? 0) + 1);
      pools.set(key, pool);
    }
    const old: LedgerState = {
      calls: [...rows.values()],
      latencies: [...pools].map(([k, pool]) => {
        const [op, o] = k.split('|') as [string, Outcome];
        return [op, o, [...pool]];
      }),
    };
    const second = createCareMetrics({ service: 'hub', onWarning: () => {} });
    const ledger = new Ledger(second);
    ledger.replay(old);
    expect(await text(second, PER_VENDOR)).toEqual(await text(first, PER_VENDOR));
    expect(ledger.total).toBe(600);
  });

  it('replays a checkpoint written before calls were kept per vendor, and keeps them apart from then on', async () => {
    const first = createCareMetrics({ service: 'hub', onWarning: () => {} });
    const ledger = new Ledger(first);
    for (const c of calls(3000)) ledger.record(c);
    const now = ledger.state();
    // What the ledger wrote before: calls and durations without vendor, no `vendors` mark.
    const calls0 = new Map<string, LedgerState['calls'][number]>();
    for (const [op, o, code, , , n] of now.calls) {
      const key = `${op}|${o}|${code}`;
      const row = calls0.get(key) ?? [op, o, code, '', '', 0];
      row[5] += n;
      calls0.set(key, row);
    }
    const pools = new Map<string, Map<number, number>>();
    for (const [op, o, pool] of now.latencies) {
      const merged = pools.get(`${op}|${o}`) ?? new Map<number, number>();
      for (const [sec, n] of pool) merged.set(sec, (merged.get(sec) ?? 0) + n);
      pools.set(`${op}|${o}`, merged);
    }
    const old: LedgerState = {
      calls: [...calls0.values()],
      tenants: now.tenants!,
      latencies: [...pools].map(([k, pool]) => [...(k.split('|') as [string, Outcome]), [...pool]]),
    };
    const second = createCareMetrics({ service: 'hub', onWarning: () => {} });
    const upgraded = new Ledger(second);
    upgraded.replay(old);
    expect(upgraded.total).toBe(3000);
    expect(await text(second, PER_VENDOR)).toEqual(await text(first, PER_VENDOR));
    // Its next checkpoint is kept per vendor, and replays into exactly the series it has now.
    const next = upgraded.state();
    expect(next.vendors).toBe(true);
    const third = createCareMetrics({ service: 'hub', onWarning: () => {} });
    new Ledger(third).replay(JSON.parse(JSON.stringify(next)) as LedgerState);
    expect(await text(third)).toEqual(await text(second));
  });

  it('replays calls alike in one recording step: a ledger of 50 million calls in as many steps as it has keys', async () => {
    // Two pharmacies, one duration each side: three runs of alike calls per row at most.
    const state: LedgerState = {
      calls: [
        ['fetch-history', 'success', '200', '', 'medisys', 30_000_000],
        ['fetch-history', 'server_error', '503', '', 'medisys', 20_000_000],
      ],
      tenants: [
        ['apotheek-1', 'medisys', 'success', 10_000_000],
        ['apotheek-2', 'medisys', 'success', 20_000_000],
        ['apotheek-1', 'medisys', 'server_error', 20_000_000],
      ],
      latencies: [
        [
          'fetch-history',
          'success',
          [
            [0.05, 25_000_000],
            [0.2, 5_000_000],
          ],
          'medisys',
        ],
        ['fetch-history', 'server_error', [[1.5, 20_000_000]], 'medisys'],
      ],
      vendors: true,
    };
    const m = createCareMetrics({ service: 'hub', onWarning: () => {} });
    const steps: number[] = [];
    const operation = m.operation.bind(m);
    const watched = new WeakSet<object>();
    m.operation = (name) => {
      const handle = operation(name);
      // The library hands out one handle per operation: watch each once.
      if (watched.has(handle)) return handle;
      watched.add(handle);
      const many = handle.recordMany.bind(handle);
      handle.recordMany = (n, ...rest) => {
        steps.push(n);
        many(n, ...rest);
      };
      return handle;
    };
    const ledger = new Ledger(m);
    ledger.replay(state);
    expect(ledger.total).toBe(50_000_000);
    // success: 5M at 0.2 s by apotheek-2, 15M at 0.05 s by apotheek-2, 10M at 0.05 s by apotheek-1.
    expect(steps).toEqual([5_000_000, 15_000_000, 10_000_000, 20_000_000]);
    const got = await text(m);
    expect(got).toContain(
      'care_tenant_calls_total{service="hub",tenant="apotheek-2",vendor="medisys",outcome="success"} 20000000',
    );
    expect(got).toContain(
      'care_tenant_calls_total{service="hub",tenant="apotheek-1",vendor="medisys",outcome="server_error"} 20000000',
    );
    expect(got).toContain(
      'care_call_duration_seconds_count{service="hub",operation="fetch-history",outcome="success"} 30000000',
    );
    expect(got).toContain(
      'care_call_duration_seconds_sum{service="hub",operation="fetch-history",outcome="success"} 2250000.000000000',
    );
  });
});
