import { describe, expect, it } from 'vitest';
import { MIN_FAILED_CALLS } from '../../src/contract/alerting.js';
import type { SloStatus } from '../../src/slo/SloStatus.js';
import { AVAILABILITY, MONDAY, simulate, type Traffic } from './simulation.js';

const HOUR = 3600;
const COFFEE_BREAK = { ...AVAILABILITY, maxOutage: { limit: 600, warnAfter: 300, errorRatio: 0.5 } };

/** One call every `gap` seconds; those from `from` to `to` (seconds since the start) fail. */
const sparse =
  (gap: number, from = Number.POSITIVE_INFINITY, to = Number.POSITIVE_INFINITY) =>
  (t: number): Traffic =>
    t % gap !== 0 ? { ok: 0 } : t >= from && t < to ? { ok: 0, failed: 1 } : { ok: 1 };

const firing = (s: SloStatus) =>
  s.alerts
    .filter((a) => a.state === 'firing')
    .map((a) => `${a.alertname} ${a.labels.coffee_break ?? a.labels.long_window}`)
    .sort();

describe('a quiet night, judged by counted calls', () => {
  it('at one call every 5 minutes, pages at the third failed call, with the breach: the outage is dated from the first', () => {
    const sim = simulate([COFFEE_BREAK], MONDAY);
    const start = 2 * HOUR;
    const seen: Array<[number, SloStatus]> = [];
    sim.run(start + HOUR, sparse(300, start, start + HOUR), (s, t) => seen.push([t, s]));
    const at = (t: number) => seen.find(([time]) => time === t)![1];
    // Failed calls at 0:00 and 5:00 into the outage: failing, not yet an outage.
    expect(at(start + 570).outage).toEqual({ active: false, seconds: 0, limit: 600 });
    expect(firing(at(start + 570))).toEqual([]);
    // The third, at 10:00: an outage counted from the tick before the first failed call was seen.
    expect(at(start + 600).outage).toEqual({ active: true, seconds: 630, limit: 600 });
    expect(firing(at(start + 600))).toEqual(
      expect.arrayContaining(['HartslagOutageLimitBreached breached', 'HartslagOutageRunning warning']),
    );
    // Between calls the outage goes on; the 1-hour page follows its `for` of two minutes.
    expect(at(start + 750).outage?.active).toBe(true);
    expect(firing(at(start + 750))).toContain('HartslagErrorBudgetBurn 1h');
  });

  it('ends the outage and its pages at the first successful call', () => {
    const sim = simulate([COFFEE_BREAK], MONDAY);
    const start = 2 * HOUR;
    sim.run(start + HOUR + 30, sparse(300, start, start + HOUR));
    expect(sim.status().outage).toEqual({ active: false, seconds: 0, limit: 600 });
    expect(firing(sim.status()).filter((a) => !a.endsWith('1d') && !a.endsWith('3d'))).toEqual([]);
  });

  it(`raises nothing for a single failed call among successes, nor for ${MIN_FAILED_CALLS - 1} in an hour`, () => {
    for (const failures of [1, MIN_FAILED_CALLS - 1]) {
      const sim = simulate([COFFEE_BREAK], MONDAY);
      const start = 2 * HOUR;
      sim.run(start + 2 * HOUR, sparse(600, start, start + failures * 600), (s) => expect(firing(s)).toEqual([]));
    }
  });

  it('says when even six hours hold too few calls to judge', () => {
    const sim = simulate([COFFEE_BREAK], MONDAY);
    sim.run(6 * HOUR, sparse(3 * HOUR));
    expect(sim.status().judgement).toEqual({ judgeable: false, calls: 2, window: 6 * HOUR });
    sim.run(HOUR, sparse(600));
    expect(sim.status().judgement).toEqual({ judgeable: true, calls: 8, window: 6 * HOUR });
  });
});
