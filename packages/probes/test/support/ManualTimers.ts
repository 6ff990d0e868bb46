import type { Timers } from '../../src/schedule/Timers.js';

/**
 * Timers on a clock that moves only when told: `advance` fires what falls due in time order, each
 * at its own due time, or — with `block` — all at once at the end, as after a long GC pause or a
 * blocked event loop.
 */
export class ManualTimers implements Timers {
  private t: number;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  constructor(start: number) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves the clock `ms` forward, firing timers at their due times. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.nextDue();
      if (next === undefined || next[1].at > end) break;
      this.pending.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = end;
  }

  /** Moves the clock `ms` forward with no timer firing, then fires the overdue ones once, late. */
  block(ms: number): void {
    this.t += ms;
    const overdue = [...this.pending.entries()].filter(([, p]) => p.at <= this.t);
    for (const [id, p] of overdue) {
      this.pending.delete(id);
      p.fn();
    }
  }

  private nextDue(): [number, { at: number; fn: () => void }] | undefined {
    let best: [number, { at: number; fn: () => void }] | undefined;
    for (const e of this.pending) if (best === undefined || e[1].at < best[1].at) best = e;
    return best;
  }
}
