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

const text = async (m: ReturnType<typeof createCareMetrics>) =>
  (await m.registry!.metrics())
    .split('\n')
    .filter((l) => l.startsWith('care_'))
    // Sums of durations are added in another order on replay: equal to the float's last digits.
    .map((l) => (l.includes('_sum{') ? l.replace(/ (\S+)$/, (_, v: string) => ` ${Number(v).toFixed(9)}`) : l))
    .sort();

describe('Ledger', () => {
  it('replays its state into series equal to the recorded ones (calls, codes, tenants, vendors, histogram)', async () => {
    const first = createCareMetrics({ service: 'hub', onWarning: () => {} });
    const ledger = new Ledger(first);
    for (const c of calls(5000)) ledger.record(c);
    const state = JSON.parse(JSON.stringify(ledger.state())) as LedgerState;
    // Calls keyed without tenants, tenants without operations: fewer keys than lines' full keys.
    expect(state.calls.every((c) => c[3] === '' && c[4] === '')).toBe(true);
    expect(state.calls.length).toBeLessThan(3 * 5 * 5);

    const second = createCareMetrics({ service: 'hub', onWarning: () => {} });
    const replayed = new Ledger(second);
    replayed.replay(state);
    expect(replayed.total).toBe(5000);
    const got = await text(second);
    expect(got).toEqual(await text(first));
    expect(got.some((l) => l.startsWith('care_tenant_calls_total{') && / [1-9]\d*$/.test(l))).toBe(true);
    expect(replayed.state()).toEqual(state);
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
    expect(await text(second)).toEqual(await text(first));
    expect(ledger.total).toBe(600);
  });
});
