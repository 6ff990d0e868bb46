/**
 * Messages delivered per second, as an exponentially weighted moving average over `tauSeconds`.
 * The weight follows the real gap between samples (1 - e^(-dt/tau)), so irregular reads, such as
 * a scrape every 15 s next to an admin call every 100 ms, average the same way.
 */
export class DrainRate {
  private rate = 0;
  private seeded = false;
  private lastAt: number;
  private lastCount: number;

  constructor(
    count: number,
    now: number,
    private readonly tauSeconds = 10,
    /** Samples closer together than this are folded into the next one: tiny gaps give noisy rates. */
    private readonly minGapMs = 200,
  ) {
    this.lastAt = now;
    this.lastCount = count;
  }

  /** Folds in the deliveries counted so far and returns the rate. */
  sample(count: number, now: number): number {
    const dtMs = now - this.lastAt;
    if (dtMs < this.minGapMs) return this.rate;
    const instant = ((count - this.lastCount) * 1000) / dtMs;
    if (this.seeded) {
      const alpha = 1 - Math.exp(-dtMs / 1000 / this.tauSeconds);
      this.rate += alpha * (instant - this.rate);
    } else {
      this.rate = instant;
      this.seeded = true;
    }
    this.lastAt = now;
    this.lastCount = count;
    return this.rate;
  }

  get current(): number {
    return this.rate;
  }
}

/** Seconds until the backlog is gone at `rate`: 0 when empty, Infinity when nothing drains. */
export function drainEtaSeconds(backlog: number, rate: number): number {
  if (backlog === 0) return 0;
  return rate > 0 ? backlog / rate : Number.POSITIVE_INFINITY;
}
