import { clock, MORNING_END, MORNING_START, PEAK_SECONDS } from '@hartslag/scenarios';
import { describe, expect, it } from 'vitest';
import { morningRate, morningShape } from '../../src/shapes/morning.js';
import { peak, shapeSessions } from '../../src/shapes/phases.js';

const at = (text: string) => morningRate(3000, clock(text));

/** The clock time of the highest rate, scanning every 10 s of the morning. */
function peakClock(peakUsers: number): number {
  let best = clock(MORNING_START);
  for (let t = best; t <= clock(MORNING_END); t += 10) {
    if (morningRate(peakUsers, t) > morningRate(peakUsers, best)) best = t;
  }
  return best;
}

describe('the morning curve', () => {
  it('peaks between 07:45 and 08:15', () => {
    const t = peakClock(3000);
    expect(t).toBeGreaterThanOrEqual(clock('07:45'));
    expect(t).toBeLessThanOrEqual(clock('08:15'));
  });

  it('lets the peak users log in within the quarter of an hour around 08:00', () => {
    let logins = 0;
    for (let t = clock('07:52:30'); t < clock('08:07:30'); t++) logins += morningRate(3000, t + 0.5);
    expect(logins).toBeCloseTo(3000, 0);
    expect(PEAK_SECONDS).toBe(900);
  });

  it('rises from a night baseline far below the peak', () => {
    expect(at('05:30')).toBe(at('06:00'));
    expect(at('06:00')).toBeLessThan(at('08:00') / 50);
    expect(at('07:00')).toBeGreaterThan(at('06:00'));
    expect(at('07:30')).toBeGreaterThan(at('07:00'));
  });

  it('dips at lunch below the late morning and recovers after', () => {
    expect(at('12:45')).toBeLessThan(at('11:00') / 2);
    expect(at('13:30')).toBeGreaterThan(at('12:45'));
  });

  it('scales with the peak users', () => {
    expect(morningRate(6000, clock('08:00'))).toBeCloseTo(2 * morningRate(3000, clock('08:00')), 9);
  });
});

describe('a compressed morning', () => {
  it('runs the 8 hours in duration / time scale, with the same sessions at a higher rate', () => {
    const real = morningShape(3000, 1);
    const fast = morningShape(3000, 60);
    expect(real.duration).toBe(8 * 3600);
    expect(fast.duration).toBe(8 * 60);
    expect(shapeSessions(fast) / shapeSessions(real)).toBeCloseTo(1, 2);
    expect(peak(fast) / peak(real)).toBeCloseTo(60, 0);
  });

  it('reaches the 08:00 peak at the compressed time of 08:00', () => {
    const fast = morningShape(3000, 60);
    const eight = (clock('08:00') - clock(MORNING_START)) / 60;
    expect(fast.rate(eight)).toBeCloseTo(peak(fast), 6);
  });
});
