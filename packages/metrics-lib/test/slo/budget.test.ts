import { describe, expect, it } from 'vitest';
import { AVAILABILITY, DAY, simulate, type Traffic } from './simulation.js';

const ONE_DAY = { ...AVAILABILITY, window: DAY };
const HALF_HOUR = 1800;

/**
 * A day and an hour of the same calls every half hour: each half hour's share of failures is
 * exact, so the window's is too.
 */
function day(traffic: Traffic) {
  const sim = simulate([ONE_DAY]);
  for (let t = 0; t < DAY + 3600; t += HALF_HOUR) {
    sim.jump(HALF_HOUR);
    sim.record(traffic);
    sim.slo.tick();
  }
  return sim.status();
}

describe('the error budget', () => {
  it('is spent when 0.1 % of the whole window failed on a 99.9 % SLO', () => {
    const s = day({ ok: 999, failed: 1 });
    expect(s.errorRatios['1d']).toBe(0.001);
    expect(s.burnRates.period).toBe(1);
    expect(s.budgetRemaining).toBe(0);
  });

  it('is whole when nothing failed, and half spent at 0.05 %', () => {
    expect(day({ ok: 1000 }).budgetRemaining).toBe(1);
    expect(day({ ok: 1000 }).burnRates).toEqual({ current: 0, period: 0 });
    expect(day({ ok: 1999, failed: 1 }).budgetRemaining).toBe(0.5);
  });

  it('goes below zero when overspent: 0.2 % of calls failing spends it twice', () => {
    const s = day({ ok: 998, failed: 2 });
    expect(s.burnRates.period).toBeCloseTo(2, 12);
    expect(s.budgetRemaining).toBeCloseTo(-1, 12);
  });

  it('has no figure without calls, as the rules record none', () => {
    const sim = simulate([ONE_DAY]);
    sim.run(3600, () => ({ ok: 0 }));
    expect(sim.status().budgetRemaining).toBeUndefined();
    expect(sim.status().burnRates).toEqual({ current: undefined, period: undefined });
  });

  it('burns at the rate of the last 5 minutes for the current burn rate', () => {
    const sim = simulate([ONE_DAY]);
    sim.run(3600, () => ({ ok: 10 }));
    sim.run(300, () => ({ ok: 98, failed: 2 }));
    expect(sim.status().burnRates.current).toBeCloseTo(20, 10);
    expect(sim.status().budgetRemaining).toBeCloseTo(1 - 20 / (1200 + 1000) / 0.001, 10);
  });
});
