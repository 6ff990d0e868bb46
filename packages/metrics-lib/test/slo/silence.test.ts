import { describe, expect, it } from 'vitest';
import { silenceFor } from '../../src/contract/alerting.js';
import type { SloObjective } from '../../src/slo/SloObjective.js';
import { AVAILABILITY, at, DAY, simulate, type Traffic, WEEK } from './simulation.js';

const SILENCE: SloObjective = {
  ...AVAILABILITY,
  silence: { detectWithin: 180, baselineWeeks: 3, minExpectedRate: 0.1, ratio: 0.25 },
};

/** The same every week: 20 calls a tick (0.67/s) on weekdays from 08:00 to 18:00, 1 a tick otherwise. */
function weekly(t: number): Traffic {
  const day = Math.floor(t / DAY) % 7;
  const hour = (t % DAY) / 3600;
  return day < 5 && hour > 8 && hour <= 18 ? { ok: 20 } : { ok: 1 };
}

describe('silence against the same time of week', () => {
  it('pages within 3 minutes when Wednesday-morning calls stall to 5 %, not at the first tick', () => {
    const sim = simulate([SILENCE]);
    const stall = at(3 * 7 + 2, 10);
    sim.run(stall, weekly);
    const seen: Array<[number, string | undefined, boolean]> = [];
    sim.run(
      5 * 60,
      () => ({ ok: 1 }),
      (s, t) =>
        seen.push([t - stall, s.alerts.find((a) => a.alertname === 'HartslagTrafficSilent')?.state, s.silence!.silent]),
    );
    expect(silenceFor(180)).toBe(60);
    expect(seen.slice(0, 5)).toEqual([
      // Half of the last minute was still busy: 21 calls in 60 s is above a quarter of 0.67/s.
      [30, undefined, false],
      [60, 'pending', true],
      [90, 'pending', true],
      [120, 'firing', true],
      [150, 'firing', true],
    ]);
    const status = sim.status();
    expect(status.silence!.baseline).toBeCloseTo(20 / 30, 12);
    expect(status.silence!.rate).toBeCloseTo(1 / 30, 12);
    expect(status.alerts.find((a) => a.alertname === 'HartslagTrafficSilent')?.labels).toEqual({
      slo: 'medication-history',
      service: 'medication-history',
      severity: 'page',
    });
  });

  it('stays quiet on a Sunday night as quiet as earlier Sundays', () => {
    const sim = simulate([
      SILENCE,
      { ...SILENCE, name: 'no-minimum', silence: { ...SILENCE.silence!, minExpectedRate: 0 } },
    ]);
    sim.run(at(3 * 7 + 6, 23), weekly);
    const alerts: string[] = [];
    sim.run(2 * 3600, weekly, () => {
      for (const s of sim.slo.status()) alerts.push(...s.alerts.map((a) => `${s.name} ${a.alertname}`));
    });
    expect(alerts).toEqual([]);
    const [usual, noMinimum] = sim.slo.status();
    expect(usual!.silence).toEqual({ rate: 1 / 30, baseline: 1 / 30, silent: false });
    expect(noMinimum!.silence!.silent).toBe(false);
  });

  it('takes the median of the weeks history holds: two weeks of 20 and 40 calls a tick give 30', () => {
    const sim = simulate([SILENCE]);
    sim.run(at(2 * 7, 10), (t) => (t < WEEK ? weekly(t) : { ok: weekly(t).ok * 2 }));
    expect(sim.status().silence!.baseline).toBeCloseTo(30 / 30, 12);
  });

  it('has no baseline, and so no alert, before a week of history, even when calls stop', () => {
    const sim = simulate([SILENCE]);
    sim.run(at(2, 10), weekly);
    sim.run(600, () => ({ ok: 0 }));
    expect(sim.status().silence).toEqual({ rate: 0, baseline: undefined, silent: false });
    expect(sim.status().alerts).toEqual([]);
  });
});
