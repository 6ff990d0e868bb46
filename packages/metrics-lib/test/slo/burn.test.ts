import { describe, expect, it } from 'vitest';
import { ALERT_WINDOWS, burnFactor } from '../../src/contract/alerting.js';
import { AVAILABILITY, DAY, simulate, TICK, type Traffic } from './simulation.js';

const HOUR = 3600;

/** Ten calls a tick; from `from` on, 3 of every 1,000 fail (0.3 %), spread evenly. */
const slowBurn =
  (from: number) =>
  (t: number): Traffic => {
    const i = t / TICK;
    return t > from && (i % 100) % 33 === 0 && i % 100 !== 99 ? { ok: 9, failed: 1 } : { ok: 10 };
  };

describe('a slow burn of 0.3 % errors on a 99.9 % SLO', () => {
  it('opens a ticket within a day and never pages in four days', () => {
    const sim = simulate([AVAILABILITY]);
    let pages = 0;
    let ticket: number | undefined;
    let calls = 0;
    let failed = 0;
    sim.run(
      5 * DAY,
      (t) => {
        const traffic = slowBurn(DAY)(t);
        if (t > DAY) {
          calls += traffic.ok + (traffic.failed ?? 0);
          failed += traffic.failed ?? 0;
        }
        return traffic;
      },
      (s, t) => {
        pages += s.alerts.filter((a) => a.severity === 'page').length;
        if (ticket === undefined && s.alerts.some((a) => a.labels.long_window === '3d' && a.state === 'firing')) {
          ticket = t - DAY;
        }
      },
    );
    expect(failed / calls).toBeCloseTo(0.003, 4);
    expect(pages).toBe(0);
    // After a clean day, 0.3 % lifts the 3-day ratio past 0.1 % (burn factor 1) after 12 hours.
    expect(ticket).toBeGreaterThan(11 * HOUR);
    expect(ticket).toBeLessThan(13 * HOUR);
    expect(sim.status().burnRates.current).toBeGreaterThan(0);
  });
});

describe('burn-rate thresholds', () => {
  it('follow from the SLO window: 14.4 and 6 for 30 days, 13.44 and 5.6 for 28', () => {
    expect(ALERT_WINDOWS.map((w) => burnFactor(w, 30 * DAY))).toEqual([14.4, 6, 3, 1]);
    expect(ALERT_WINDOWS.map((w) => Number(burnFactor(w, 28 * DAY).toPrecision(12)))).toEqual([
      13.44, 5.6, 2.8, 0.933333333333,
    ]);
  });

  it('page a 28-day SLO through the 1-hour window at 1.4 % errors, above its 1.344 %, and a 30-day one not (1.44 %)', () => {
    const pages = (window: number) => {
      const sim = simulate([{ ...AVAILABILITY, window }]);
      sim.run(3 * HOUR, (t) => (t > HOUR ? { ok: 493, failed: 7 } : { ok: 500 }));
      return sim
        .status()
        .alerts.filter((a) => a.labels.long_window === '1h')
        .map((a) => a.state);
    };
    expect(pages(28 * DAY)).toEqual(['firing']);
    expect(pages(30 * DAY)).toEqual([]);
  });
});
