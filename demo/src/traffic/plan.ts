import {
  type CareOperation,
  CONTRACT_TENANTS,
  HAMMER,
  NO_CONTRACT_TENANTS,
  OPERATION_SHARES,
  PROVIDERS_PER_TENANT,
  providerId,
  TENANTS,
} from '@hartslag/scenarios';
import type { Moment, TrafficCurve } from './curve.js';

/** One call the traffic makes, with the simulated minute (its start instant) it belongs to. */
export type PlannedCall = { minute: number } & (
  | { kind: 'care'; tenant: string; provider: string; operation: CareOperation }
  /** A pharmacy without a contract tries to log in (403 at login). */
  | { kind: 'denied-login'; tenant: string; provider: string }
  /** …or calls with a token from before its contract ended (403 on the call). */
  | { kind: 'denied-call'; tenant: string; provider: string; operation: CareOperation }
);

const OPERATIONS = Object.keys(OPERATION_SHARES) as CareOperation[];

/** Provider n of a tenant (`provider-0001` …): stable, so a provider keeps its session all day. */
export function providerOf(tenant: string, n: number): string {
  const index = TENANTS.findIndex((t) => t.id === tenant);
  return providerId(index * PROVIDERS_PER_TENANT + n + 1);
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * The operations in the mix's shares, spread evenly (smooth weighted round-robin, as nginx
 * balances upstreams): any run of calls holds each operation to within one of its share, so a
 * minute of an incident loses its share of the stalled operation, not a random handful.
 */
export class OperationCycle {
  private readonly credit = new Map<CareOperation, number>(OPERATIONS.map((op) => [op, 0]));

  next(): CareOperation {
    let best = OPERATIONS[0]!;
    for (const op of OPERATIONS) {
      const credit = this.credit.get(op)! + OPERATION_SHARES[op];
      this.credit.set(op, credit);
      if (credit > this.credit.get(best)!) best = op;
    }
    this.credit.set(best, this.credit.get(best)! - 1);
    return best;
  }
}

/**
 * Turns the curve into calls. The number of calls is the curve's, not a random draw: what is
 * left of a call carries over to the next stretch, so every simulated minute has the expected
 * calls to within one, and the live day lies on the seeded history as the story says. The
 * operations follow the mix evenly; which pharmacy calls is drawn from the seeded `random`.
 */
export class TrafficPlan {
  private answered = 0;
  private denied = 0;
  private readonly operations = new OperationCycle();

  constructor(
    private readonly curve: TrafficCurve,
    private readonly random: () => number,
  ) {}

  /** The calls of `seconds` real seconds at moment `m`, all in the simulated minute `minute`. */
  calls(m: Moment, seconds: number, minute: number): PlannedCall[] {
    const calls: PlannedCall[] = [];
    const answered = this.curve.usualAnswered(m);
    this.answered += answered * seconds;
    const hammerShare = answered > 0 ? this.curve.hammerRate(m) / answered : 0;
    for (; this.answered >= 1; this.answered--) {
      if (this.random() < hammerShare) {
        const tenant = HAMMER.tenant;
        calls.push({ minute, kind: 'care', tenant, provider: providerOf(tenant, 0), operation: HAMMER.operation });
        continue;
      }
      const tenant = pick(CONTRACT_TENANTS, this.random);
      const provider = providerOf(tenant, Math.floor(this.random() * PROVIDERS_PER_TENANT));
      calls.push({ minute, kind: 'care', tenant, provider, operation: this.operations.next() });
    }
    this.denied += this.curve.usualDenied(m) * seconds;
    for (; this.denied >= 1; this.denied--) {
      const tenant = pick(NO_CONTRACT_TENANTS, this.random);
      const provider = providerOf(tenant, Math.floor(this.random() * PROVIDERS_PER_TENANT));
      calls.push(
        this.random() < 0.5
          ? { minute, kind: 'denied-login', tenant, provider }
          : { minute, kind: 'denied-call', tenant, provider, operation: pick(OPERATIONS, this.random) },
      );
    }
    return calls;
  }
}
