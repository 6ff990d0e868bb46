import type { CallRecord, CareMetrics, Outcome } from '@hartslag/metrics';

/** What the ledger holds, as written into the checkpoint. */
export interface LedgerState {
  /**
   * [operation, outcome, code, tenant, vendor, count]; '' for an absent label. Written with tenant
   * '' (tenants are in `tenants`) and, since `vendors` is set, the call's vendor; checkpoints from
   * before `tenants` carry both here.
   */
  calls: [string, Outcome, string, string, string, number][];
  /** [tenant, vendor, outcome, count]; tenant '' for calls without one. */
  tenants?: [string, string, Outcome, number][];
  /** [operation, outcome, [[seconds or -1 for none, count], …], vendor]; no vendor before `vendors`. */
  latencies: ([string, Outcome, [number, number][]] | [string, Outcome, [number, number][], string])[];
  /** Calls and latencies are kept per vendor: the per-vendor codes and latency replay exactly. */
  vendors?: true;
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
 * vendor, code), tenants by (tenant, vendor, outcome), durations by (operation, outcome, vendor) —
 * the library's series never join tenant with operation or code. Replay pairs them back per outcome
 * and vendor; any such pairing gives the same values. Keys then grow with operations × codes ×
 * vendors plus tenants, not with their product (5,000 pharmacies × 5 operations × 10 codes would be
 * 250,000 keys instead of ≈20,000).
 */
export class Ledger {
  private readonly calls = new Map<string, Map<Outcome, Map<string, Map<string, Cell>>>>();
  private readonly tenants = new Map<Outcome, Map<string, Map<string, Cell>>>();
  private readonly latencies = new Map<string, Map<Outcome, Map<string, Map<number, Cell>>>>();
  private count = 0;

  constructor(private readonly metrics: CareMetrics) {}

  record(call: CallRecord & { outcome: Outcome }): void {
    this.metrics.recordCall(call);
    const seconds = typeof call.seconds === 'number' ? call.seconds : -1;
    this.add(String(call.operation), call.outcome, str(call.code), str(call.tenant), str(call.vendor), seconds, 1);
  }

  state(): LedgerState {
    const calls: LedgerState['calls'] = [];
    for (const [op, byOutcome] of this.calls) {
      for (const [outcome, byVendor] of byOutcome) {
        for (const [vendor, byCode] of byVendor) {
          for (const [code, cell] of byCode) calls.push([op, outcome, code, '', vendor, cell.n]);
        }
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
      for (const [outcome, byVendor] of byOutcome) {
        for (const [vendor, pool] of byVendor) {
          latencies.push([op, outcome, [...pool].map(([s, c]) => [s, c.n]), vendor]);
        }
      }
    }
    return { calls, tenants, latencies, vendors: true };
  }

  /**
   * Records every call of a checkpointed ledger again, through the recording API (a pre-bound
   * handle per operation, `recordMany` for calls alike), and keeps what it recorded as its own. A
   * checkpoint from before `vendors` pairs durations with vendors as it can: the per-vendor latency
   * of the calls before the upgrade is approximate, every other series exact.
   */
  replay(state: LedgerState): void {
    // Pools are keyed by outcome and, where the checkpoint kept them apart, vendor.
    const joined = state.vendors === true;
    const pooled = (vendor: string) => (joined ? vendor : '');
    const durations = new Map<string, Map<Outcome, Map<string, [number, number][]>>>();
    for (const [op, o, pool, vendor] of state.latencies) {
      child(child(durations, op), o).set(
        pooled(vendor ?? ''),
        pool.map(([s, n]) => [s, n]),
      );
    }
    const tenantPools = new Map<Outcome, Map<string, [string, string, number][]>>();
    for (const [tenant, vendor, o, n] of state.tenants ?? []) {
      const byVendor = child(tenantPools, o);
      let pool = byVendor.get(pooled(vendor));
      if (pool === undefined) byVendor.set(pooled(vendor), (pool = []));
      pool.push([tenant, vendor, n]);
    }
    for (const [op, outcome, code, tenant, vendor, n] of state.calls) {
      const pool = durations.get(op)?.get(outcome)?.get(pooled(vendor)) ?? [];
      const people = tenantPools.get(outcome)?.get(pooled(vendor)) ?? [];
      const handle = this.metrics.operation(op);
      const c = code === '' ? undefined : code;
      // Calls alike (one duration, one tenant) go in one recordMany: a month's ledger replays in
      // as many steps as it has keys, not calls.
      for (let left = n; left > 0; ) {
        let chunk = left;
        let seconds = -1;
        const head = pool[pool.length - 1];
        if (head !== undefined) {
          seconds = head[0];
          chunk = Math.min(chunk, head[1]);
        }
        let t = tenant;
        let v = vendor;
        let who: [string, string, number] | undefined;
        if (state.tenants !== undefined) {
          who = people[people.length - 1];
          t = who?.[0] ?? '';
          v = who?.[1] ?? '';
          if (who !== undefined) chunk = Math.min(chunk, who[2]);
        }
        handle.recordMany(
          chunk,
          outcome,
          seconds < 0 ? undefined : seconds,
          c,
          t === '' ? undefined : t,
          v === '' ? undefined : v,
        );
        if (head !== undefined && (head[1] -= chunk) === 0) pool.pop();
        if (who !== undefined && (who[2] -= chunk) === 0) people.pop();
        // An older checkpoint is taken over as replay paired it.
        if (!joined) this.add(op, outcome, code, t, v, seconds, chunk);
        left -= chunk;
      }
    }
    if (joined) this.takeOver(state);
  }

  /** A checkpoint kept per vendor holds the ledger's own keys: its counts are taken as they are. */
  private takeOver(state: LedgerState): void {
    for (const [op, outcome, code, , vendor, n] of state.calls) {
      bump(child(child(child(this.calls, op), outcome), vendor), code, n);
      this.count += n;
    }
    for (const [tenant, vendor, outcome, n] of state.tenants ?? []) {
      bump(child(child(this.tenants, outcome), tenant), vendor, n);
    }
    for (const [op, outcome, pool, vendor] of state.latencies) {
      const cells = child(child(child(this.latencies, op), outcome), vendor ?? '');
      for (const [seconds, n] of pool) bump(cells, seconds, n);
    }
  }

  /** Calls recorded, all keys together. */
  get total(): number {
    return this.count;
  }

  private add(op: string, outcome: Outcome, code: string, tenant: string, vendor: string, seconds: number, n: number) {
    bump(child(child(child(this.calls, op), outcome), vendor), code, n);
    bump(child(child(this.tenants, outcome), tenant), vendor, n);
    bump(child(child(child(this.latencies, op), outcome), vendor), seconds, n);
    this.count += n;
  }
}

function bump<K>(cells: Map<K, Cell>, key: K, n: number): void {
  const cell = cells.get(key);
  if (cell === undefined) cells.set(key, { n });
  else cell.n += n;
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
