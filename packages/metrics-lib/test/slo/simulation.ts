import { type CareMetrics, createCareMetrics } from '../../src/index.js';
import { createSloEvaluator, type SloEvaluator } from '../../src/slo/SloEvaluator.js';
import type { SloObjective } from '../../src/slo/SloObjective.js';
import type { SloStatus } from '../../src/slo/SloStatus.js';

export const SERVICE = 'medication-history';
export const OPERATION = 'fetch-medication-history';
export const DAY = 86_400;
export const WEEK = 7 * DAY;
export const TICK = 30;

/** Monday 6 January 2025, 00:00 UTC: weekday arithmetic in the tests starts here. */
export const MONDAY = Date.UTC(2025, 0, 6);

/** Calls in one tick: `ok` successes and `failed` server errors (budget-burning). */
export interface Traffic {
  ok: number;
  failed?: number;
}

/** 99.9 % over 30 days, the usual Hartslag SLO. */
export const AVAILABILITY: SloObjective = { name: 'medication-history', objective: 0.999, window: 30 * DAY };

export interface Simulation {
  metrics: CareMetrics;
  slo: SloEvaluator;
  /** The fake clock, ms. */
  readonly now: number;
  /** Seconds since the simulation began. */
  readonly elapsed: number;
  /**
   * Moves the clock one tick at a time for `seconds`: before each tick, records the calls
   * `traffic` gives for the 30 s that end at that tick (`t` in seconds since the start); after
   * it, hands the status to `each`.
   */
  run(seconds: number, traffic: (t: number) => Traffic, each?: (status: SloStatus, t: number) => void): void;
  /** Moves the clock without ticking: a sleeping laptop, a stopped timer. */
  jump(seconds: number): void;
  record(traffic: Traffic): void;
  status(): SloStatus;
}

/**
 * A service with a fake clock and an evaluator that ticks only when told, with its first tick
 * (the base) taken at `start`.
 */
export function simulate(objectives: SloObjective[], start = MONDAY, operation = OPERATION): Simulation {
  const metrics = createCareMetrics({ service: SERVICE });
  let now = start;
  const slo = createSloEvaluator(metrics, objectives, { now: () => now, autoStart: false });
  slo.tick();
  const record = ({ ok, failed = 0 }: Traffic) => {
    for (let i = 0; i < ok; i++) metrics.recordCall({ operation, outcome: 'success', code: 200 });
    for (let i = 0; i < failed; i++) metrics.recordCall({ operation, outcome: 'server_error', code: 503 });
  };
  return {
    metrics,
    slo,
    get now() {
      return now;
    },
    get elapsed() {
      return (now - start) / 1000;
    },
    run(seconds, traffic, each) {
      for (let n = 0; n < seconds / TICK; n++) {
        now += TICK * 1000;
        const t = (now - start) / 1000;
        record(traffic(t));
        slo.tick();
        if (each !== undefined) each(slo.status()[0]!, t);
      }
    },
    jump(seconds) {
      now += seconds * 1000;
    },
    record,
    status: () => slo.status()[0]!,
  };
}

/** Seconds since the simulation start for a time of day on day `day` (0 = the start day). */
export function at(day: number, hh: number, mm = 0, ss = 0): number {
  return day * DAY + hh * 3600 + mm * 60 + ss;
}
