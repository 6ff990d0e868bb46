import { describe, expect, it } from 'vitest';
import { SloState } from '../../src/slo/SloState.js';
import { AVAILABILITY, DAY, MONDAY } from './simulation.js';

describe('the history of one SLO', () => {
  it('holds a 30-day SLO in 0.7 MB of typed arrays, however long it runs', () => {
    const state = new SloState(AVAILABILITY, 'svc');
    // 43,201 minute slots and 721 half-minute slots (6 h), two Float64Arrays each.
    expect(state.history.bytes).toBe((43_201 + 721) * 2 * 8);
    let total = 0;
    for (let t = 0; t <= 31 * DAY + 30; t += 30) {
      state.observe(MONDAY + t * 1000, total, 0);
      total += 2;
    }
    expect(state.history.bytes).toBe((43_201 + 721) * 2 * 8);
    // The 30-day window holds 30 days of ticks, two calls each, not the 31 days that ran.
    expect(state.history.recent(30 * DAY)?.total).toBe(30 * 2880 * 2);
  });

  it('sizes history to the oldest baseline week when that lies beyond the SLO window', () => {
    const state = new SloState(
      {
        ...AVAILABILITY,
        window: 28 * DAY,
        silence: { detectWithin: 180, baselineWeeks: 8, minExpectedRate: 0.1, ratio: 0.25 },
      },
      'svc',
    );
    expect(state.history.bytes).toBe((8 * 7 * 1440 + 10 + 1 + 721) * 2 * 8);
  });
});
