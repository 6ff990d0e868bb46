import type { CallRecord, CareMetrics, Outcome } from '@hartslag/metrics';

/** What the ledger holds, as written into the checkpoint. */
export interface LedgerState {
  /**
   * [operation, outcome, code, tenant, vendor, count]; '' for an absent label. Written with tenant
   * and vendor '' (they are in `tenants`); checkpoints from before `tenants` carry them here.
   */
  calls: [string, Outcome, string, string, string, number][];
  /** [tenant, vendor, outcome, count]; tenant '' for calls without one. */
  tenants?: [string, string, Outcome, number][];
  /** [operation, outcome, [[seconds or -1 for none, count], …]]. */
  latencies: [string, Outcome, [number, number][]][];
}

/** A count bumped in place, so a line whose key was seen allocates nothing. */
interface Cell {
  n: number;
}

/**
 * Everything logwatch has recorded, in a form it can replay: metrics-lib keeps its counters inside,
 * and offers only the recording API. Replaying calls with the same counts through that API after a
 * restart gives the same counter values; the ledger is written with the file offsets in one atomic
 * checkpoint, so every line counts exactly once across a crash.
 *
 * It keeps what the series are keyed by, not each line's full key: calls by (operation, outcome,
 * code), tenants by (tenant, vendor, outcome), durations by (operation, outcome) — the library's
 * series never join tenant with operation or code. Replay pairs them back per outcome; any pairing
 * gives the same values. Keys then grow with operations × codes plus tenants, not with their
 * product (5,000 pharmacies × 5 operations × 10 codes would be 250,000 keys instead of ≈20,000).
 */
export class Ledger {
  private readonly calls = new Map<string, Map<Outcome, Map<string, Cell>>>();
  private readonly tenants = new Map<Outcome, Map<string, Map<string, Cell>>>();
  private readonly latencies = new Map<string, Map<Outcome, Map<number, Cell>>>();
  private count = 0;

  constructor(private readonly metrics: CareMetrics) {}

  record(call: CallRecord & { outcome: Outcome }): void {
    this.metrics.recordCall(call);
    const op = String(call.operation);
    this.addCall(op, call.outcome, str(call.code), 1);
    this.addTenant(call.outcome, str(call.tenant), str(call.vendor), 1);
    this.addLatency(op, call.outcome, typeof call.seconds === 'number' ? call.seconds : -1, 1);
  }

  state(): LedgerState {
    const calls: LedgerState['calls'] = [];
    for (const [op, byOutcome] of this.calls) {
      for (const [outcome, byCode] of byOutcome) {
        for (const [code, cell] of byCode) calls.push([op, outcome, code, '', '', cell.n]);
      }
    }
    const tenants: NonNullable<LedgerState['tenants']> = [];
    for (const [outcome, byTenant] of this.tenants) {
      for (const [tenant, byVendor] of byTenant) {
        for (const [vendor, cell] of byVendor) tenants.push([tenant, vendor, outcome, cell.n]);
      }
    }
    const latencies: LedgerState['latencies'] = [];
    for (const [op, byOutcome] of this.latencies) {
      for (const [outcome, pool] of byOutcome) latencies.push([op, outcome, [...pool].map(([s, c]) => [s, c.n])]);
    }
    return { calls, tenants, latencies };
  }

  /**
   * Records every call of a checkpointed ledger again, through the recording API (a pre-bound
   * handle per operation, the library's fast path), and takes its counts as its own.
   */
  replay(state: LedgerState): void {
    const durations = new Map<string, Map<Outcome, [number, number][]>>();
    for (const [op, o, pool] of state.latencies) {
      child(durations, op).set(
        o,
        pool.map(([s, n]) => [s, n]),
      );
      for (const [s, n] of pool) this.addLatency(op, o, s, n);
    }
    const tenantPools = new Map<Outcome, [string, string, number][]>();
    for (const [tenant, vendor, o, n] of state.tenants ?? []) {
      let pool = tenantPools.get(o);
      if (pool === undefined) tenantPools.set(o, (pool = []));
      pool.push([tenant, vendor, n]);
      this.addTenant(o, tenant, vendor, n);
    }
    for (const [op, outcome, code, tenant, vendor, n] of state.calls) {
      this.addCall(op, outcome, code, n);
      if (state.tenants === undefined) this.addTenant(outcome, tenant, vendor, n);
      const pool = durations.get(op)?.get(outcome) ?? [];
      const people = tenantPools.get(outcome) ?? [];
      const handle = this.metrics.operation(op);
      const c = code === '' ? undefined : code;
      for (let i = 0; i < n; i++) {
        let seconds: number | undefined;
        const head = pool[pool.length - 1];
        if (head !== undefined) {
          seconds = head[0] < 0 ? undefined : head[0];
          if (--head[1] === 0) pool.pop();
        }
        let t = tenant;
        let v = vendor;
        if (state.tenants !== undefined) {
          const who = people[people.length - 1];
          t = who?.[0] ?? '';
          v = who?.[1] ?? '';
          if (who !== undefined && --who[2] === 0) people.pop();
        }
        handle.record(outcome, seconds, c, t === '' ? undefined : t, v === '' ? undefined : v);
      }
    }
  }

  /** Calls recorded, all keys together. */
  get total(): number {
    return this.count;
  }

  private addCall(op: string, outcome: Outcome, code: string, n: number): void {
    const byCode = child(child(this.calls, op), outcome);
    const cell = byCode.get(code);
    if (cell === undefined) byCode.set(code, { n });
    else cell.n += n;
    this.count += n;
  }

  private addTenant(outcome: Outcome, tenant: string, vendor: string, n: number): void {
    const byVendor = child(child(this.tenants, outcome), tenant);
    const cell = byVendor.get(vendor);
    if (cell === undefined) byVendor.set(vendor, { n });
    else cell.n += n;
  }

  private addLatency(op: string, outcome: Outcome, seconds: number, n: number): void {
    const pool = child(child(this.latencies, op), outcome);
    const cell = pool.get(seconds);
    if (cell === undefined) pool.set(seconds, { n });
    else cell.n += n;
  }
}

function child<K, V extends Map<unknown, unknown>>(map: Map<K, V>, key: K): V {
  let m = map.get(key);
  if (m === undefined) {
    m = new Map() as V;
    map.set(key, m);
  }
  return m;
}

function str(v: unknown): string {
  return v === undefined ? '' : String(v);
}
