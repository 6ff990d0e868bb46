import { describe, expect, it } from 'vitest';
import {
  dayLevel,
  hospitalKnots,
  knotCurve,
  MORNING_KNOTS,
  OPERATION_SHARES,
  pharmacyRate,
  pharmacyStoryRate,
  shiftDate,
  storyLevel,
  TENANTS,
  usualLevel,
} from '../src/index.js';

describe('the pharmacy day', () => {
  it('peaks in the morning, dips at lunch and is quiet at night on a weekday', () => {
    const at = (hour: number) => pharmacyRate(hour, 2, 40);
    expect(at(8.6)).toBeGreaterThan(30);
    expect(at(12.6)).toBeLessThan(0.8 * at(14.6));
    // The night floor: 3 % of the peak.
    expect(at(3)).toBeCloseTo(1.2, 1);
    expect(at(3)).toBeLessThan(0.1 * at(8.6));
  });

  it('has a morning on Saturday and the on-call pharmacies on Sunday', () => {
    expect(pharmacyRate(10, 6)).toBeLessThan(0.6 * pharmacyRate(10, 2));
    expect(pharmacyRate(15, 6)).toBeLessThan(0.2 * pharmacyRate(15, 2));
    expect(pharmacyRate(11, 7)).toBeCloseTo(40 * 0.11);
  });

  it('gives each day a level within ±6 %, the same on every call', () => {
    const levels = Array.from({ length: 100 }, (_, i) => dayLevel(shiftDate('2026-01-01', i)));
    expect(Math.min(...levels)).toBeGreaterThanOrEqual(0.94);
    expect(Math.max(...levels)).toBeLessThan(1.06);
    expect(new Set(levels).size).toBe(100);
    expect(dayLevel('2026-11-24')).toBe(dayLevel('2026-11-24'));
  });

  it('puts a story’s days at the mean of the four same weekdays before, inside the band they make', () => {
    const today = '2026-11-24';
    const weeks = [7, 14, 21, 28].map((d) => dayLevel(shiftDate(today, -d)));
    expect(usualLevel(today)).toBeCloseTo(weeks.reduce((a, b) => a + b) / 4, 12);
    expect(usualLevel(today)).toBeGreaterThan(Math.min(...weeks));
    expect(usualLevel(today)).toBeLessThan(Math.max(...weeks));
    expect(storyLevel(today, today)).toBe(usualLevel(today));
    expect(storyLevel('2026-11-23', today)).toBe(dayLevel('2026-11-23'));
  });

  it('draws the seeded past and the live day from one function: curve × day level × minute jitter', () => {
    const instant = Date.parse('2026-11-17T09:00:00+01:00');
    const at = { date: '2026-11-17', weekday: 2, hour: 9, instant };
    const rate = pharmacyStoryRate(at, '2026-11-24');
    expect(rate / (pharmacyRate(9, 2) * dayLevel('2026-11-17'))).toBeGreaterThan(0.985);
    expect(rate / (pharmacyRate(9, 2) * dayLevel('2026-11-17'))).toBeLessThan(1.015);
  });
});

describe('the traffic mix and the other scenarios', () => {
  it('shares the care calls out in full', () => {
    expect(Object.values(OPERATION_SHARES).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it('has 40 pharmacies with a contract on 5 vendors and 2 without', () => {
    expect(TENANTS.filter((t) => t.contract)).toHaveLength(40);
    expect(new Set(TENANTS.map((t) => t.vendor)).size).toBe(5);
    expect(TENANTS.filter((t) => !t.contract).map((t) => t.id)).toEqual([
      'pharmacy-nocontract-1',
      'pharmacy-nocontract-2',
    ]);
  });

  it('runs the morning login spike through its knots, smoothly, at full height around 08:00', () => {
    const level = knotCurve(MORNING_KNOTS);
    expect(level(8 * 3600)).toBe(1);
    expect(level(3 * 3600)).toBe(0.01);
    const mid = level(7 * 3600 + 15 * 60);
    expect(mid).toBeGreaterThan(0.08);
    expect(mid).toBeLessThan(0.3);
  });

  it('keeps a hospital’s night above zero and its weekday busier than its weekend', () => {
    const weekday = knotCurve(hospitalKnots(2));
    const weekend = knotCurve(hospitalKnots(7));
    expect(weekday(3 * 3600)).toBeGreaterThan(0.1);
    expect(weekday(10 * 3600)).toBeGreaterThan(2 * weekend(10 * 3600));
  });
});
