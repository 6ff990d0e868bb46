import { describe, expect, it } from 'vitest';
import { baselineBand, type FoldedPeriod, fold, previousPeriods } from '../../src/index.js';
import { series } from '../support/series.js';

const M = 60_000;
const H = 3_600_000;
const AMS = 'Europe/Amsterdam';

/** A local day of 5-minute points in Amsterdam (summer, CEST) with a value per bucket index. */
function day(date: string, value: (i: number) => number | null): FoldedPeriod {
  const start = Date.parse(`${date}T00:00:00+02:00`);
  const points = Array.from({ length: 288 }, (_, i) => ({ t: start + i * 5 * M, v: value(i) }));
  return fold(points, { period: 'day', timeZone: AMS, step: 5 * M }).get(date)!;
}

describe('the baseline band', () => {
  it('takes the median and p10–p90 of the earlier periods at each offset', () => {
    const history = [100, 200, 300, 400].map((v, k) => day(`2026-06-0${2 + k}`, () => v));
    const band = baselineBand(history, { step: 5 * M });
    expect(band.offsets).toHaveLength(288);
    // sorted [100, 200, 300, 400]: p10 at rank 0.3 → 130, median 250, p90 at rank 2.7 → 370.
    expect(band.median[100]).toBe(250);
    expect(band.low[100]).toBeCloseTo(130, 9);
    expect(band.high[100]).toBeCloseTo(370, 9);
    expect(band.count[100]).toBe(4);
    expect(band.periods).toEqual(['2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05']);
  });

  it('takes other quantiles when asked', () => {
    const history = [100, 200, 300, 400].map((v, k) => day(`2026-06-0${2 + k}`, () => v));
    const band = baselineBand(history, { step: 5 * M, quantiles: { low: 0.25, high: 0.75 } });
    expect([band.low[0], band.high[0]]).toEqual([175, 325]);
  });

  it('ignores periods without a value at an offset, and says how many contributed', () => {
    const history = [
      day('2026-06-02', () => 10),
      day('2026-06-03', (i) => (i === 7 ? null : 20)),
      day('2026-06-04', () => 30),
    ];
    const band = baselineBand(history, { step: 5 * M });
    expect(band.count[7]).toBe(2);
    expect(band.median[7]).toBe(20);
    expect(band.median[8]).toBe(20);
    expect(baselineBand(history, { step: 5 * M, minPeriods: 3 }).median[7]).toBeNull();
  });

  it('has no band in the skipped hour of a spring-forward day that is alone in its history', () => {
    const points = series('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 5 * M, () => 1);
    const spring = fold(points, { period: 'day', timeZone: AMS, step: 5 * M }).get('2026-03-29')!;
    const band = baselineBand([spring], { step: 5 * M });
    expect(band.count.filter((n) => n === 0)).toHaveLength(12);
    expect(band.median[(2 * H) / (5 * M)]).toBeNull();
    expect(band.median[(3 * H) / (5 * M)]).toBe(1);
  });

  it('is empty, not wrong, without history', () => {
    const band = baselineBand([], { step: H, period: 'week' });
    expect(band.offsets).toHaveLength(168);
    expect(band.median.every((v) => v === null)).toBe(true);
    expect(band.count.every((n) => n === 0)).toBe(true);
  });

  it('rejects quantiles that do not make a band', () => {
    for (const quantiles of [
      { low: 0.9, high: 0.1 },
      { low: -0.1, high: 0.9 },
      { low: 0.1, high: 1.1 },
      { low: 0.5, high: 0.5 },
    ]) {
      expect(() => baselineBand([], { step: H, quantiles })).toThrowError(
        expect.objectContaining({ code: 'HARTSLAG_ERR_RHYTHM_QUANTILE_INVALID' }),
      );
    }
  });
});

describe('choosing the earlier periods', () => {
  const points = series('2026-05-01T00:00:00Z', '2026-06-10T00:00:00Z', H, () => 1).filter(
    // No data on Tuesday 2026-05-19.
    (p) => p.t < Date.parse('2026-05-18T22:00:00Z') || p.t >= Date.parse('2026-05-19T22:00:00Z'),
  );
  const days = fold(points, { period: 'day', timeZone: AMS });

  it('takes the same weekday of the previous weeks and leaves out a week without data', () => {
    expect(previousPeriods(days, '2026-06-09', { count: 4 }).map((p) => p.key)).toEqual([
      '2026-06-02',
      '2026-05-26',
      '2026-05-12',
    ]);
  });

  it('takes every previous day when asked', () => {
    expect(previousPeriods(days, '2026-06-09', { count: 3, match: 'every-day' }).map((p) => p.key)).toEqual([
      '2026-06-08',
      '2026-06-07',
      '2026-06-06',
    ]);
  });

  it('takes previous weeks for weeks', () => {
    const weeks = fold(points, { period: 'week', timeZone: AMS });
    expect(previousPeriods(weeks, '2026-06-08', { count: 2, match: 'every-day' }).map((p) => p.key)).toEqual([
      '2026-06-01',
      '2026-05-25',
    ]);
  });

  it('rejects a count that is not a whole number', () => {
    expect(() => previousPeriods(days, '2026-06-09', { count: 2.5 })).toThrowError(
      expect.objectContaining({ code: 'HARTSLAG_ERR_RHYTHM_OPTION_INVALID' }),
    );
  });
});
