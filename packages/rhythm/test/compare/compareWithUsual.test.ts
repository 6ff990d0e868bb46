import { describe, expect, it } from 'vitest';
import { compareWithUsual, type Point } from '../../src/index.js';

const M = 60_000;
const H = 3_600_000;

/** Five weeks of 5-minute points in Amsterdam summer time, by local date. */
function history(value: (date: string, minute: number) => number): Point[] {
  const points: Point[] = [];
  for (let d = Date.UTC(2026, 4, 5); d <= Date.UTC(2026, 5, 9); d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10);
    const midnight = Date.parse(`${date}T00:00:00+02:00`);
    for (let m = 0; m < 1440; m += 5) points.push({ t: midnight + m * M, v: value(date, m) });
  }
  return points;
}

const TUESDAYS: Record<string, number> = { '2026-05-12': 110, '2026-05-19': 120, '2026-05-26': 130, '2026-06-02': 140 };

describe('comparing today with a usual day', () => {
  const points = history((date, minute) => {
    if (date === '2026-06-09') {
      if (minute > 600) return 999; // after now: must not count
      return minute >= 540 && minute < 570 ? 300 : 125;
    }
    return TUESDAYS[date] ?? 10;
  });
  const result = compareWithUsual(points, {
    now: Date.parse('2026-06-09T10:00:00+02:00'),
    timeZone: 'Europe/Amsterdam',
    step: 5 * M,
  });

  it('compares with the same weekday of the previous four weeks', () => {
    expect(result.date).toBe('2026-06-09');
    expect(result.band.periods).toEqual(['2026-06-02', '2026-05-26', '2026-05-19', '2026-05-12']);
    expect(result.band.median[0]).toBe(125);
    expect(result.band.low[0]).toBeCloseTo(113, 9);
    expect(result.band.high[0]).toBeCloseTo(137, 9);
  });

  it('reports the spike as the only anomaly, 30 minutes above', () => {
    expect(result.anomalies.ranges).toEqual([{ from: 9 * H, to: 9.5 * H, direction: 'above', peak: 163 }]);
    expect(result.anomalies.anomalousMinutes).toBe(30);
  });

  it('ignores data after now', () => {
    expect(result.nowOffset).toBe(10 * H);
    expect(result.current[(10 * H) / (5 * M)]).toBe(125);
    expect(result.current.slice((10 * H) / (5 * M) + 1).every((v) => v === null)).toBe(true);
  });
});
