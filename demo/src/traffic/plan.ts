import { TENANTS } from '@hartslag/reference-platform';
import { type DataOperation, DENIED_SHARE, HAMMER, MIX, type Moment, type TrafficCurve } from './curve.js';

/** Care providers per pharmacy: each logs in once a simulated day, so logins peak when pharmacies open. */
export const PROVIDERS_PER_TENANT = 3;

/** One call the traffic makes. */
export type PlannedCall =
  | { kind: 'care'; tenant: string; provider: string; operation: DataOperation }
  /** A pharmacy without a contract tries to log in (403 at login). */
  | { kind: 'denied-login'; tenant: string; provider: string }
  /** …or calls with a token from before its contract ended (403 on the call). */
  | { kind: 'denied-call'; tenant: string; provider: string; operation: DataOperation };

const CONTRACTED = TENANTS.filter((t) => t.contract).map((t) => t.id);
const UNCONTRACTED = TENANTS.filter((t) => !t.contract).map((t) => t.id);
const OPERATIONS = Object.keys(MIX) as DataOperation[];

/** Provider n of a tenant (`provider-0001` …): stable, so a provider keeps its session all day. */
export function providerOf(tenant: string, n: number): string {
  const index = TENANTS.findIndex((t) => t.id === tenant);
  return `provider-${String(index * PROVIDERS_PER_TENANT + n + 1).padStart(4, '0')}`;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function operation(random: () => number): DataOperation {
  let r = random();
  for (const op of OPERATIONS) {
    r -= MIX[op];
    if (r < 0) return op;
  }
  return OPERATIONS[OPERATIONS.length - 1]!;
}

/** Draws from a Poisson distribution (Knuth; λ per tick stays small, and large λ is split). */
export function poisson(lambda: number, random: () => number): number {
  let n = 0;
  let rest = lambda;
  while (rest > 0) {
    const l = Math.exp(-Math.min(rest, 30));
    rest -= 30;
    let p = random();
    while (p > l) {
      n++;
      p *= random();
    }
  }
  return n;
}

/** The calls of one tick of `seconds` at moment `m`: arrivals at the curve's rate, plus the hammering pharmacy. */
export function planTick(curve: TrafficCurve, m: Moment, seconds: number, random: () => number): PlannedCall[] {
  const calls: PlannedCall[] = [];
  const n = poisson(curve.rate(m) * seconds, random);
  for (let i = 0; i < n; i++) {
    if (random() < DENIED_SHARE) {
      const tenant = pick(UNCONTRACTED, random);
      const provider = providerOf(tenant, Math.floor(random() * PROVIDERS_PER_TENANT));
      calls.push(
        random() < 0.5
          ? { kind: 'denied-login', tenant, provider }
          : { kind: 'denied-call', tenant, provider, operation: operation(random) },
      );
      continue;
    }
    const tenant = pick(CONTRACTED, random);
    const provider = providerOf(tenant, Math.floor(random() * PROVIDERS_PER_TENANT));
    calls.push({ kind: 'care', tenant, provider, operation: operation(random) });
  }
  const hammer = poisson(curve.hammerRate(m) * seconds, random);
  for (let i = 0; i < hammer; i++) {
    calls.push({
      kind: 'care',
      tenant: HAMMER.tenant,
      provider: providerOf(HAMMER.tenant, 0),
      operation: HAMMER.operation,
    });
  }
  return calls;
}
