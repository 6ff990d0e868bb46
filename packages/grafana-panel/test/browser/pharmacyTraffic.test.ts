import { compareWithUsual, localDate } from '@hartslag/rhythm';
import { describe, expect, it } from 'vitest';
import { PHARMACY_NOW, pharmacyTraffic } from '../../harness/fixtures/pharmacyTraffic.js';

const usual = (traffic: ReturnType<typeof pharmacyTraffic>) =>
  compareWithUsual(traffic.points, { now: traffic.now, timeZone: traffic.timeZone, step: 60_000 });

describe('the pharmacy traffic fixture the browser tests and benchmark use', () => {
  it('holds five weeks of minutes up to Tuesday 2026-11-24 10:40 in Amsterdam, the 25-hour day included', () => {
    const { points, now, timeZone } = pharmacyTraffic();
    expect(now).toBe(PHARMACY_NOW);
    expect(localDate(points[0]!.t, timeZone)).toBe('2026-10-20');
    expect(points.at(-1)!.t).toBe(now);
    // 35 days of 1440 minutes, one extra hour on 2026-10-25, and today up to 10:40.
    expect(points.length).toBe(35 * 1440 + 60 + 10 * 60 + 41);
  });

  it('has the injected stall as the only anomaly of today', () => {
    const traffic = pharmacyTraffic();
    const { anomalies } = usual(traffic);
    expect(anomalies.ranges).toHaveLength(1);
    expect(anomalies.ranges[0]).toMatchObject({
      from: 10 * 3_600_000,
      to: (10 * 60 + 25) * 60_000,
      direction: 'below',
    });
    expect(anomalies.anomalousMinutes).toBe(25);
  });

  it('gives an ordinary 2026-10-25 when there is no stall, so a DST mistake would show as anomalies', () => {
    const traffic = pharmacyTraffic({ now: Date.parse('2026-10-25T23:30:00+01:00'), stall: null });
    expect(usual(traffic).anomalies.anomalousMinutes).toBe(0);
  });

  it('is the same on every call', () => {
    expect(pharmacyTraffic().points.slice(-500)).toEqual(pharmacyTraffic().points.slice(-500));
  });
});
