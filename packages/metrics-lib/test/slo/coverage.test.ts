import { describe, expect, it } from 'vitest';
import { AVAILABILITY, DAY, simulate } from './simulation.js';

describe('coverage of the SLO window', () => {
  it('says collecting data until a quarter of the 30 days is held, with the share held', () => {
    const sim = simulate([AVAILABILITY]);
    sim.run(DAY, () => ({ ok: 10 }));
    expect(sim.status().coverage).toEqual({ seconds: DAY, ratio: 1 / 30, window: 30 * DAY, collecting: true });
    // Seven and a half days is a quarter of thirty: the 5-minute step before it is still collecting.
    sim.run(6.5 * DAY - 300, () => ({ ok: 10 }));
    expect(sim.status().coverage!.collecting).toBe(true);
    sim.run(300, () => ({ ok: 10 }));
    expect(sim.status().coverage).toEqual({ seconds: 7.5 * DAY, ratio: 0.25, window: 30 * DAY, collecting: false });
  });

  it('counts coverage in whole 5-minute steps, as the rules do, and never above the window', () => {
    const sim = simulate([{ ...AVAILABILITY, window: DAY }]);
    sim.run(270, () => ({ ok: 1 }));
    expect(sim.status().coverage!.seconds).toBe(0);
    sim.run(2 * DAY, () => ({ ok: 1 }));
    expect(sim.status().coverage).toEqual({ seconds: DAY, ratio: 1, window: DAY, collecting: false });
  });
});
