import { clock } from '@hartslag/scenarios';
import { describe, expect, it } from 'vitest';
import { morningRate } from '../../src/shapes/morning.js';
import { steadyDayRate, steadyDayShape } from '../../src/shapes/steadyDay.js';

const at = (text: string) => steadyDayRate(3000, clock(text));

describe('the steady day', () => {
  it('follows the daily rhythm: quiet night, a morning high, a lunch dip, a quiet evening', () => {
    expect(at('08:00')).toBeGreaterThan(at('03:00') * 20);
    expect(at('12:45')).toBeLessThan(at('10:30'));
    expect(at('14:30')).toBeGreaterThan(at('12:45'));
    expect(at('21:00')).toBeLessThan(at('14:30'));
  });

  it('spreads the morning instead of spiking like the login morning', () => {
    expect(at('08:00')).toBeLessThan(morningRate(3000, clock('08:00')) / 2);
  });

  it('runs 24 hours in an hour at time scale 24, starting and ending at night', () => {
    const day = steadyDayShape(3000, 24);
    expect(day.duration).toBe(3600);
    expect(day.rate(0)).toBeCloseTo(day.rate(day.duration), 9);
  });
});
