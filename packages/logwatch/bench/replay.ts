/**
 * Start-up replay of a month's ledger: a zone at 2M lines an hour holds 1.44 billion calls after 30
 * days, and no new line is read until they are recorded again. Races Ledger.replay (recordMany, one
 * step per run of alike calls) against the call-by-call replay it replaced, in the same run: the
 * baseline on a hundredth of the month (its rate is per call, whatever the size), both checked to
 * give equal series on that hundredth.
 */
import { createCareMetrics, type Outcome } from '@hartslag/metrics';
import { Ledger, type LedgerState } from '../src/index.js';

const PHARMACIES = 5000;
const VENDORS = ['pharmasoft', 'medisys', 'apotheeknet', 'recepto'];
const OPERATIONS = ['fetch-medication-history', 'register-dispensation', 'fetch-prescription', 'cancel', 'lookup'];
/** Outcome and code, with their shares of the calls. */
const RESULTS: [Outcome, string, number][] = [
  ['success', '200', 0.9],
  ['client_error', '400', 0.03],
  ['client_error', '404', 0.02],
  ['denied', 'NO_CONTRACT', 0.02],
  ['server_error', '503', 0.02],
  ['timeout', '504', 0.01],
];
/** Distinct latencies kept per (operation, outcome, vendor): whole milliseconds up to 2 s. */
const LATENCIES = 2000;

/** A ledger state of `total` calls, consistent across its three tables, as Ledger.state() writes one. */
export function monthLedger(total: number): LedgerState {
  const calls = new Map<string, number>();
  const tenants = new Map<string, number>();
  const byPool = new Map<string, number>();
  const perTenant = total / PHARMACIES;
  for (let p = 0; p < PHARMACIES; p++) {
    const vendor = VENDORS[p % VENDORS.length]!;
    // Pharmacies differ in size: from a tenth to twice the mean.
    const size = perTenant * (0.1 + (1.9 * ((p * 7919) % PHARMACIES)) / PHARMACIES);
    for (const [o, op] of OPERATIONS.entries()) {
      for (const [outcome, code, share] of RESULTS) {
        const n = Math.round((size * share) / OPERATIONS.length) + ((p + o) % 3);
        if (n === 0) continue;
        add(calls, `${op}\t${outcome}\t${code}\t${vendor}`, n);
        add(tenants, `apotheek-${p}\t${vendor}\t${outcome}`, n);
        add(byPool, `${op}\t${outcome}\t${vendor}`, n);
      }
    }
  }
  const latencies: LedgerState['latencies'] = [];
  for (const [key, n] of byPool) {
    const [op, outcome, vendor] = key.split('\t') as [string, Outcome, string];
    const pool: [number, number][] = [];
    let left = n;
    for (let i = 0; i < LATENCIES && left > 0; i++) {
      const take = i === LATENCIES - 1 ? left : Math.min(left, Math.ceil(n / LATENCIES));
      pool.push([(i + 1) / 1000, take]);
      left -= take;
    }
    latencies.push([op, outcome, pool, vendor]);
  }
  return {
    calls: [...calls].map(([k, n]) => {
      const [op, outcome, code, vendor] = k.split('\t') as [string, Outcome, string, string];
      return [op, outcome, code, '', vendor, n];
    }),
    tenants: [...tenants].map(([k, n]) => {
      const [tenant, vendor, outcome] = k.split('\t') as [string, string, Outcome];
      return [tenant, vendor, outcome, n];
    }),
    latencies,
    vendors: true,
  };
}

function add(m: Map<string, number>, key: string, n: number): void {
  m.set(key, (m.get(key) ?? 0) + n);
}

const metrics = () => createCareMetrics({ service: 'medication-history', onWarning: () => {} });

/** The replay before recordMany: one record() per call, durations and tenants paired as Ledger pairs them. */
function callByCall(state: LedgerState, m: ReturnType<typeof metrics>): number {
  const pools = new Map<string, [number, number][]>();
  for (const [op, o, pool, vendor] of state.latencies)
    pools.set(
      `${op}\t${o}\t${vendor}`,
      pool.map(([s, n]) => [s, n]),
    );
  const people = new Map<string, [string, string, number][]>();
  for (const [tenant, vendor, o, n] of state.tenants ?? []) {
    const key = `${o}\t${vendor}`;
    people.set(key, [...(people.get(key) ?? []), [tenant, vendor, n]]);
  }
  let recorded = 0;
  for (const [op, outcome, code, , vendor, n] of state.calls) {
    const pool = pools.get(`${op}\t${outcome}\t${vendor}`) ?? [];
    const who = people.get(`${outcome}\t${vendor}`) ?? [];
    const handle = m.operation(op);
    for (let i = 0; i < n; i++) {
      const head = pool[pool.length - 1];
      const seconds = head?.[0];
      if (head !== undefined && --head[1] === 0) pool.pop();
      const t = who[who.length - 1];
      handle.record(outcome, seconds, code, t?.[0], t?.[1]);
      if (t !== undefined && --t[2] === 0) who.pop();
      recorded++;
    }
  }
  return recorded;
}

export interface ReplayFigures {
  monthCalls: number;
  keys: number;
  replaySeconds: number;
  baselineCallsPerSecond: number;
  baselineMonthSeconds: number;
  ratio: number;
  agree: boolean;
}

function seconds(f: () => void): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

export async function replayBench(monthCalls: number): Promise<ReplayFigures> {
  const month = monthLedger(monthCalls);
  const sample = monthLedger(monthCalls / 100);
  const sampleCalls = sample.calls.reduce((n, c) => n + c[5], 0);
  // Warm both paths, then measure.
  new Ledger(metrics()).replay(monthLedger(monthCalls / 10_000));
  callByCall(monthLedger(monthCalls / 10_000), metrics());
  const ours = new Ledger(metrics());
  const replaySeconds = seconds(() => ours.replay(month));
  const baseline = metrics();
  const baselineSeconds = seconds(() => callByCall(sample, baseline));
  const bulk = metrics();
  new Ledger(bulk).replay(sample);
  const lines = async (m: ReturnType<typeof metrics>) =>
    (await m.registry!.metrics())
      .split('\n')
      .filter((l) => l.startsWith('care_') && !l.includes('_sum{'))
      .sort()
      .join('\n');
  const agree =
    ours.total === month.calls.reduce((n, c) => n + c[5], 0) && (await lines(bulk)) === (await lines(baseline));
  const baselineCallsPerSecond = sampleCalls / baselineSeconds;
  const baselineMonthSeconds = ours.total / baselineCallsPerSecond;
  return {
    monthCalls: ours.total,
    keys: month.calls.length + (month.tenants?.length ?? 0) + month.latencies.reduce((n, l) => n + l[2].length, 0),
    replaySeconds,
    baselineCallsPerSecond,
    baselineMonthSeconds,
    ratio: baselineMonthSeconds / replaySeconds,
    agree,
  };
}
