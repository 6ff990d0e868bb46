import { describe, expect, it } from 'vitest';
import { fold, resample } from '../../src/index.js';
import { series, shuffled } from '../support/series.js';

const M = 60_000;
const H = 3_600_000;
const Q = 15 * M;

describe.each(['Europe/Amsterdam', 'Europe/Brussels'])('folding days in %s', (zone) => {
  it('gives the 23-hour day no points from 02:00 to 03:00', () => {
    // 2026-03-29 runs from 23:00Z to 22:00Z the next evening: 92 quarter-hours.
    const day = fold(
      series('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', Q, (_, i) => i),
      { period: 'day', timeZone: zone },
    ).get('2026-03-29')!;
    const expected = [
      ...Array.from({ length: 8 }, (_, i) => i * Q), // 00:00–01:45
      ...Array.from({ length: 84 }, (_, i) => 3 * H + i * Q), // 03:00–23:45
    ];
    expect(day.points.map((p) => p.offset)).toEqual(expected);
    expect(day.points.map((p) => p.value)).toEqual(Array.from({ length: 92 }, (_, i) => i));
    expect(day.end - day.start).toBe(23 * H);
  });

  it('folds both passes of the 25-hour day onto the same slots, earlier pass first', () => {
    // 2026-10-25 runs from 22:00Z to 23:00Z the next evening: 100 quarter-hours. First pass of
    // 02:00–03:00 is 00:00Z–01:00Z (value 1), second pass 01:00Z–02:00Z (value 3).
    const points = series('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', Q, (t) =>
      t >= Date.parse('2026-10-25T01:00:00Z') && t < Date.parse('2026-10-25T02:00:00Z') ? 3 : 1,
    );
    const raw = fold(points, { period: 'day', timeZone: zone }).get('2026-10-25')!;
    expect(raw.points).toHaveLength(100);
    const repeated = raw.points.filter((p) => p.offset >= 2 * H && p.offset < 3 * H);
    expect(repeated).toEqual([
      { offset: 2 * H, value: 1 },
      { offset: 2 * H, value: 3 },
      { offset: 2 * H + Q, value: 1 },
      { offset: 2 * H + Q, value: 3 },
      { offset: 2 * H + 2 * Q, value: 1 },
      { offset: 2 * H + 2 * Q, value: 3 },
      { offset: 2 * H + 3 * Q, value: 1 },
      { offset: 2 * H + 3 * Q, value: 3 },
    ]);

    const bucketed = fold(points, { period: 'day', timeZone: zone, step: Q }).get('2026-10-25')!;
    expect(bucketed.points).toHaveLength(96);
    expect(bucketed.points.filter((p) => p.value === 2).map((p) => p.offset)).toEqual([
      2 * H,
      2 * H + Q,
      2 * H + 2 * Q,
      2 * H + 3 * Q,
    ]);
    expect(bucketed.end - bucketed.start).toBe(25 * H);
  });

  it('lines up 08:00 on an ordinary day and on both DST days', () => {
    const eight = ['2026-03-28T07:00:00Z', '2026-03-29T06:00:00Z', '2026-10-25T07:00:00Z', '2026-10-26T07:00:00Z'];
    const folded = fold(
      eight.map((iso) => ({ t: Date.parse(iso), v: 1 })),
      { period: 'day', timeZone: zone },
    );
    expect([...folded.keys()]).toEqual(['2026-03-28', '2026-03-29', '2026-10-25', '2026-10-26']);
    for (const day of folded.values()) expect(day.points).toEqual([{ offset: 8 * H, value: 1 }]);
  });
});

describe('folding weeks', () => {
  it('keys weeks by their Monday and names the ISO week across a 53-week New Year', () => {
    const points = ['2026-12-31T11:00:00Z', '2027-01-01T11:00:00Z', '2027-01-03T22:59:00Z', '2027-01-03T23:00:00Z'].map(
      (iso) => ({ t: Date.parse(iso), v: 1 }),
    );
    const weeks = fold(points, { period: 'week', timeZone: 'Europe/Amsterdam' });
    expect([...weeks.values()].map((w) => [w.key, w.isoWeek, w.weekday])).toEqual([
      ['2026-12-28', '2026-W53', 1],
      ['2027-01-04', '2027-W01', 1],
    ]);
    // Thursday 12:00 and Friday 12:00 local (CET), Sunday 23:59.
    expect(weeks.get('2026-12-28')!.points.map((p) => p.offset)).toEqual([
      3 * 24 * H + 12 * H,
      4 * 24 * H + 12 * H,
      6 * 24 * H + 23 * H + 59 * M,
    ]);
    expect(weeks.get('2027-01-04')!.points).toEqual([{ offset: 0, value: 1 }]);
  });

  it('keeps wall-clock positions through the DST week, whose real length is 167 hours', () => {
    const week = fold(
      series('2026-03-22T23:00:00Z', '2026-03-29T22:00:00Z', H, () => 1),
      {
        period: 'week',
        timeZone: 'Europe/Amsterdam',
        step: H,
      },
    ).get('2026-03-23')!;
    expect(week.end - week.start).toBe(167 * H);
    expect(week.points).toHaveLength(167);
    const offsets = new Set(week.points.map((p) => p.offset));
    expect(offsets.has(6 * 24 * H + 2 * H)).toBe(false);
    expect(offsets.has(6 * 24 * H + 3 * H)).toBe(true);
    expect(Math.max(...offsets)).toBe(7 * 24 * H - H);
  });
});

describe('folding data of any resolution and quality', () => {
  it.each([
    ['1 second', 1000, 86_400, 82_800],
    ['1 minute', M, 1440, 1380],
    ['1 hour', H, 24, 23],
  ])('folds %s data into one point per step (ordinary and spring-forward day)', (_, step, ordinary, spring) => {
    const points = series('2026-03-27T23:00:00Z', '2026-03-29T22:00:00Z', step, (t) => t % 7);
    const days = fold(points, { period: 'day', timeZone: 'Europe/Amsterdam', step });
    expect(days.get('2026-03-28')!.points).toHaveLength(ordinary);
    expect(days.get('2026-03-29')!.points).toHaveLength(spring);
    expect(days.get('2026-03-28')!.points[1]).toEqual({ offset: step, value: points[1]!.t % 7 });
  });

  it('averages values that share a bucket', () => {
    const points = series('2026-06-01T22:00:00Z', '2026-06-01T22:10:00Z', M, (_, i) => i);
    const day = fold(points, { period: 'day', timeZone: 'Europe/Amsterdam', step: 5 * M }).get('2026-06-02')!;
    expect(day.points).toEqual([
      { offset: 0, value: 2 },
      { offset: 5 * M, value: 7 },
    ]);
  });

  it('leaves a gap where data is missing', () => {
    const points = series('2026-06-01T22:00:00Z', '2026-06-02T22:00:00Z', M, () => 5).filter(
      (p) => p.t < Date.parse('2026-06-02T08:00:00Z') || p.t >= Date.parse('2026-06-02T10:00:00Z'),
    );
    const day = fold(points, { period: 'day', timeZone: 'Europe/Amsterdam', step: H }).get('2026-06-02')!;
    const grid = resample(day.points, { step: H });
    expect(grid.map((v, h) => (v === null ? h : -1)).filter((h) => h >= 0)).toEqual([10, 11]);
  });

  it('skips null, NaN and infinite values, and keeps a period that only had those', () => {
    const t0 = Date.parse('2026-06-02T06:00:00Z');
    const points = [
      { t: t0, v: 1 },
      { t: t0 + M, v: null },
      { t: t0 + 2 * M, v: Number.NaN },
      { t: t0 + 3 * M, v: Number.POSITIVE_INFINITY },
      { t: t0 + 4 * M, v: 3 },
      { t: t0 + 86_400_000, v: null },
    ];
    const days = fold(points, { period: 'day', timeZone: 'Europe/Amsterdam' });
    expect(days.get('2026-06-02')!.points.map((p) => p.value)).toEqual([1, 3]);
    expect(days.get('2026-06-03')!.points).toEqual([]);
  });

  it('ignores points whose instant is not a usable time', () => {
    const points = [
      { t: Number.NaN, v: 1 },
      { t: 9e15, v: 1 },
      { t: Date.parse('2026-06-02T06:00:00Z'), v: 1 },
    ];
    expect([...fold(points, { period: 'day', timeZone: 'UTC' }).keys()]).toEqual(['2026-06-02']);
  });

  it('returns no periods for no points', () => {
    expect(fold([], { period: 'day', timeZone: 'Europe/Amsterdam' }).size).toBe(0);
    expect(fold([{ t: 0, v: null }], { period: 'week', timeZone: 'UTC' }).size).toBe(1);
  });

  it('gives the same result for shuffled input, also through the repeated hour', () => {
    const points = series('2026-10-23T22:00:00Z', '2026-10-26T23:00:00Z', 5 * M, (_, i) => i);
    for (const step of [undefined, 5 * M]) {
      const options = { period: 'day' as const, timeZone: 'Europe/Amsterdam', step };
      expect(fold(shuffled(points), options)).toEqual(fold(points, options));
    }
  });

  it('returns periods in date order', () => {
    const points = [
      { t: Date.parse('2026-06-03T12:00:00Z'), v: 1 },
      { t: Date.parse('2026-06-01T12:00:00Z'), v: 1 },
      { t: Date.parse('2026-06-02T12:00:00Z'), v: 1 },
    ];
    expect([...fold(points, { period: 'day', timeZone: 'UTC' }).keys()]).toEqual([
      '2026-06-01',
      '2026-06-02',
      '2026-06-03',
    ]);
  });

  it('rejects an unknown period, a step out of range and an unknown zone', () => {
    const code = (c: string) => expect.objectContaining({ code: c });
    expect(() => fold([], { period: 'month' as 'day', timeZone: 'UTC' })).toThrowError(
      code('HARTSLAG_ERR_RHYTHM_PERIOD_INVALID'),
    );
    for (const step of [0, 999, 1500.5, 2 * 86_400_000, Number.NaN]) {
      expect(() => fold([], { period: 'day', timeZone: 'UTC', step })).toThrowError(
        code('HARTSLAG_ERR_RHYTHM_STEP_INVALID'),
      );
    }
    expect(() => fold([], { period: 'day', timeZone: 'Mars/Olympus' })).toThrowError(
      code('HARTSLAG_ERR_RHYTHM_TIMEZONE_INVALID'),
    );
  });
});
