import type { CallRecord, CareMetrics, Outcome } from '@hartslag/metrics';

/** What the ledger holds, as written into the checkpoint. */
export interface LedgerState {
  /** [operation, outcome, code, tenant, vendor, count]; '' for an absent label. */
  calls: [string, Outcome, string, string, string, number][];
  /** [operation, outcome, [[seconds or -1 for none, count], …]]. */
  latencies: [string, Outcome, [number, number][]][];
}

/**
 * Everything logwatch has recorded, in a form it can replay: metrics-lib keeps its counters inside,
 * and offers only the recording API. Replaying the same multiset of calls through that API after a
 * restart gives the same counter values (calls, codes, tenants, vendors, histogram buckets and
 * sums); the ledger is written with the file offsets in one atomic checkpoint, so every line counts
 * exactly once across a crash.
 *
 * Durations are kept per operation and outcome rather than per call key: the histogram is by
 * operation and outcome only, so pairing them back with any call of that key gives the same values,
 * in memory bounded by distinct durations instead of lines.
 */
/** Joins key parts: C0 controls never reach a field (lines holding one are rejected as binary). */
const SEP = '\u0001';

export class Ledger {
  private readonly calls = new Map<string, number>();
  private readonly latencies = new Map<string, Map<number, number>>();

  constructor(private readonly metrics: CareMetrics) {}

  record(call: CallRecord & { outcome: Outcome }): void {
    this.metrics.recordCall(call);
    const op = String(call.operation);
    const key = `${op}${SEP}${call.outcome}${SEP}${str(call.code)}${SEP}${str(call.tenant)}${SEP}${str(call.vendor)}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    const lkey = `${op}${SEP}${call.outcome}`;
    let pool = this.latencies.get(lkey);
    if (pool === undefined) {
      pool = new Map();
      this.latencies.set(lkey, pool);
    }
    const s = typeof call.seconds === 'number' ? call.seconds : -1;
    pool.set(s, (pool.get(s) ?? 0) + 1);
  }

  state(): LedgerState {
    return {
      calls: [...this.calls].map(([k, n]) => [...(k.split(SEP) as [string, Outcome, string, string, string]), n]),
      latencies: [...this.latencies].map(([k, pool]) => {
        const [op, o] = k.split(SEP) as [string, Outcome];
        return [op, o, [...pool]];
      }),
    };
  }

  /**
   * Records every call of a checkpointed ledger again, through the recording API (a pre-bound
   * handle per operation, the library's fast path), and takes its counts as its own.
   */
  replay(state: LedgerState): void {
    const pools = new Map<string, [number, number][]>();
    for (const [op, o, pool] of state.latencies) {
      pools.set(
        `${op}${SEP}${o}`,
        pool.map(([s, n]) => [s, n]),
      );
      this.latencies.set(`${op}${SEP}${o}`, new Map(pool));
    }
    for (const [op, outcome, code, tenant, vendor, n] of state.calls) {
      const key = `${op}${SEP}${outcome}${SEP}${code}${SEP}${tenant}${SEP}${vendor}`;
      this.calls.set(key, (this.calls.get(key) ?? 0) + n);
      const pool = pools.get(`${op}${SEP}${outcome}`) ?? [];
      const handle = this.metrics.operation(op);
      const c = code === '' ? undefined : code;
      const t = tenant === '' ? undefined : tenant;
      const v = vendor === '' ? undefined : vendor;
      for (let i = 0; i < n; i++) {
        let seconds: number | undefined;
        const head = pool[pool.length - 1];
        if (head !== undefined) {
          seconds = head[0] < 0 ? undefined : head[0];
          if (--head[1] === 0) pool.pop();
        }
        handle.record(outcome, seconds, c, t, v);
      }
    }
  }

  /** Calls recorded, all keys together. */
  get total(): number {
    let n = 0;
    for (const c of this.calls.values()) n += c;
    return n;
  }
}

function str(v: unknown): string {
  return v === undefined ? '' : String(v);
}
