import type { SimClock } from '../clock/SimClock.js';
import type { TrafficCurve } from './curve.js';
import { planTick } from './plan.js';
import type { TrafficClient } from './TrafficClient.js';

/** How often arrivals are drawn, ms: fine enough that a second's calls do not come in one burst. */
const TICK_MS = 100;

/**
 * A bound on calls under way. A stall holds calls until the platform's deadline; this only keeps
 * a machine that cannot keep up from piling up sockets without end.
 */
const MAX_IN_FLIGHT = 2_000;

/** Draws calls from the curve at the simulated time, every tick, and hands them to the client. */
export class Traffic {
  /** Calls not made because too many were under way. */
  skipped = 0;
  private timer: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly curve: TrafficCurve,
    readonly client: TrafficClient,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    this.last = Date.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    const now = Date.now();
    // A late timer (a busy event loop) draws the calls of the whole gap, so the rate holds.
    const seconds = Math.min((now - this.last) / 1000, 1);
    this.last = now;
    const moment = this.clock.at(now);
    for (const call of planTick(this.curve, moment, seconds, this.random)) {
      if (this.client.pending >= MAX_IN_FLIGHT) this.skipped++;
      else this.client.send(call, moment.day);
    }
  }

  /** Stops drawing calls and cancels those under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.client.close();
  }
}
