import type { Operation } from './names.js';

export interface LatencyProfile {
  medianMs: number;
  p99Ms: number;
}

/** Service times of a healthy platform: log-normal, as measured service times usually are. */
export const LATENCY_PROFILES: Readonly<Record<Operation, LatencyProfile>> = Object.freeze({
  login: { medianMs: 60, p99Ms: 300 },
  'fetch-medication-history': { medianMs: 40, p99Ms: 250 },
  'register-dispensation': { medianMs: 30, p99Ms: 150 },
  'fetch-prescription': { medianMs: 15, p99Ms: 80 },
  'send-message': { medianMs: 5, p99Ms: 40 },
});

/** z of the 99th percentile of the standard normal distribution. */
const Z99 = 2.3263;

/**
 * Draws a service time per call. ln(X) ~ N(mu, sigma) with e^mu the median and e^(mu + Z99·sigma)
 * the p99, so each profile is stated in the numbers an SLO speaks.
 */
export class LatencyModel {
  private readonly params = new Map<Operation, { mu: number; sigma: number }>();

  constructor(
    /** Multiplies every draw; 0 answers at once (tests). */
    readonly scale: number,
    private readonly random: () => number,
    profiles: Readonly<Record<Operation, LatencyProfile>> = LATENCY_PROFILES,
  ) {
    for (const [op, p] of Object.entries(profiles) as [Operation, LatencyProfile][]) {
      this.params.set(op, { mu: Math.log(p.medianMs), sigma: Math.log(p.p99Ms / p.medianMs) / Z99 });
    }
  }

  /** Milliseconds to spend on one call of `operation`. */
  sampleMs(operation: Operation): number {
    if (this.scale === 0) return 0;
    const p = this.params.get(operation)!;
    return Math.exp(p.mu + p.sigma * this.normal()) * this.scale;
  }

  /** Box–Muller; 1 - u keeps log away from 0. */
  private normal(): number {
    const u = 1 - this.random();
    const v = this.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
