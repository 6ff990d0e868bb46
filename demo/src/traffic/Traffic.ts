import { MINUTE_MS } from '@hartslag/rhythm';
import type { SimClock } from '../clock/SimClock.js';
import type { PlannedCall, TrafficPlan } from './plan.js';
import type { TrafficClient } from './TrafficClient.js';

/** How often arrivals are drawn, ms: fine enough that a second's calls do not come in one burst. */
const TICK_MS = 100;

/** A timer later than this (a machine stopped in a debugger) does not make up the calls it missed. */
const MAX_GAP_MS = 5_000;

/**
 * A bound on calls under way. A stall holds calls until the platform's deadline; this only keeps
 * a machine that cannot keep up from piling up sockets without end.
 */
const MAX_IN_FLIGHT = 2_000;

/**
 * The calls of the real span [from, to): planned a simulated minute at a time, so each call is
 * counted in the minute it belongs to however late the timer that sends it fires.
 */
export function planSpan(
  clock: SimClock,
  plan: TrafficPlan,
  from: number,
  to: number,
  onMinute?: (minute: number) => void,
): PlannedCall[] {
  const calls: PlannedCall[] = [];
  let t = from;
  while (t < to) {
    const moment = clock.at(t);
    const minute = Math.floor(moment.instant / MINUTE_MS) * MINUTE_MS;
    let next = Math.min(to, t + (minute + MINUTE_MS - moment.instant) / clock.speed);
    // Rounding must not stall the walk at a minute's edge.
    if (next <= t) next = Math.min(to, t + 1);
    onMinute?.(minute);
    for (const call of plan.calls(moment, (next - t) / 1000, minute)) calls.push(call);
    t = next;
  }
  return calls;
}

/** Sends the plan's calls at the simulated time, every tick, through the client. */
export class Traffic {
  /** Calls not made because too many were under way. */
  skipped = 0;
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly plan: TrafficPlan,
    readonly client: TrafficClient,
    /** Told of every simulated minute the traffic runs in, calls or none. */
    private readonly onMinute?: (minute: number) => void,
  ) {}

  start(): void {
    this.last = Date.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    const now = Date.now();
    const from = Math.max(this.last, now - MAX_GAP_MS);
    this.last = now;
    const day = this.clock.at(now).day;
    for (const call of planSpan(this.clock, this.plan, from, now, this.onMinute)) {
      if (this.client.pending >= MAX_IN_FLIGHT) this.skipped++;
      else this.client.send(call, day);
    }
  }

  /** Stops drawing calls and cancels those under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.client.close();
  }
}
