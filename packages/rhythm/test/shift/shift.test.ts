import { describe, expect, it } from 'vitest';
import { alignShift, fold, isoWeekOf, localDate, shiftBack, shiftFor } from '../../src/index.js';
import { series } from '../support/series.js';

const M = 60_000;
const H = 3_600_000;
const AMS = 'Europe/Amsterdam';
const at = (iso: string) => Date.parse(iso);

describe('resolving shifts', () => {
  it('makes every named shift a whole number of local days, weekday-aligned beyond a day', () => {
    expect(shiftFor('previous-day')).toEqual({ kind: 'calendar', id: 'previous-day', days: 1 });
    expect(shiftFor('last-week')).toEqual({ kind: 'calendar', id: 'last-week', days: 7 });
    expect(shiftFor('last-month')).toEqual({ kind: 'calendar', id: 'last-month', days: 28 });
    expect(shiftFor('last-year')).toEqual({ kind: 'calendar', id: 'last-year', days: 364 });
    expect(shiftFor({ weeks: 3 })).toEqual({ kind: 'calendar', id: '3-weeks', days: 21 });
    expect(shiftFor({ days: 2 })).toEqual({ kind: 'calendar', id: '2-days', days: 2 });
    expect(shiftFor({ ms: 90 * M })).toEqual({ kind: 'fixed', id: '5400000-ms', ms: 90 * M });
  });

  it.each([
    ['a fractional week', { weeks: 1.5 }],
    ['zero weeks', { weeks: 0 }],
    ['a negative duration', { ms: -1 }],
    ['an unknown name', 'last-decade'],
    ['nothing', undefined],
  ])('rejects %s', (_, spec) => {
    expect(() => shiftFor(spec as never)).toThrowError(
      expect.objectContaining({ code: 'HARTSLAG_ERR_RHYTHM_SHIFT_INVALID' }),
    );
  });
});

describe('looking back in Europe/Amsterdam', () => {
  it('finds last week at the same wall-clock time across the spring-forward change', () => {
    // Monday 2026-03-30 08:00 CEST → Monday 2026-03-23 08:00 CET: 167 hours, not 168.
    const back = shiftBack(at('2026-03-30T06:00:00Z'), 'last-week', AMS);
    expect(back).toBe(at('2026-03-23T07:00:00Z'));
    expect(at('2026-03-30T06:00:00Z') - back).toBe(167 * H);
  });

  it('finds the previous day 25 hours back across the fall-back change', () => {
    // Sunday 2026-10-25 12:00 CET → Saturday 12:00 CEST.
    expect(shiftBack(at('2026-10-25T11:00:00Z'), 'previous-day', AMS)).toBe(at('2026-10-24T10:00:00Z'));
  });

  it('lands last year on the leap day 2028-02-29, a Tuesday like 2029-02-27', () => {
    const back = shiftBack(at('2029-02-27T09:00:00Z'), 'last-year', AMS);
    expect(back).toBe(at('2028-02-29T09:00:00Z'));
    expect(localDate(back, AMS)).toBe('2028-02-29');
  });

  it('steps over a leap day: last year from Wednesday 2028-03-01 is Wednesday 2027-03-03', () => {
    expect(localDate(shiftBack(at('2028-03-01T11:00:00Z'), 'last-year', AMS), AMS)).toBe('2027-03-03');
  });

  it('drifts one ISO week after a 53-week year, because last year is 52 weeks', () => {
    const back = shiftBack(at('2027-01-04T11:00:00Z'), 'last-year', AMS);
    expect(isoWeekOf(localDate(at('2027-01-04T11:00:00Z'), AMS))).toBe('2027-W01');
    expect(isoWeekOf(localDate(back, AMS))).toBe('2026-W02');
    expect(localDate(back, AMS)).toBe('2026-01-05');
  });

  it('finds last month four weeks back across a DST change', () => {
    // Sunday 2026-03-29 10:00 CEST → Sunday 2026-03-01 10:00 CET.
    expect(shiftBack(at('2026-03-29T08:00:00Z'), 'last-month', AMS)).toBe(at('2026-03-01T09:00:00Z'));
  });

  it('pushes a time in the skipped hour forward', () => {
    // Monday 02:30 CEST → Sunday 02:30 does not exist → 03:30 CEST.
    expect(shiftBack(at('2026-03-30T00:30:00Z'), 'previous-day', AMS)).toBe(at('2026-03-29T01:30:00Z'));
  });

  it('moves a fixed shift by exactly its duration', () => {
    expect(shiftBack(at('2026-03-30T06:00:00Z'), { ms: 7 * 24 * H }, AMS)).toBe(at('2026-03-23T06:00:00Z'));
  });
});

describe('aligning an overlay onto the current period', () => {
  it('moves last week onto the spring-forward day, dropping the hour that does not exist there', () => {
    const lastWeek = series('2026-03-21T23:00:00Z', '2026-03-22T23:00:00Z', 15 * M, () => 1);
    const aligned = alignShift(lastWeek, 'last-week', AMS);
    expect(aligned).toHaveLength(92);
    // 08:00 CET on 2026-03-22 lands on 08:00 CEST on 2026-03-29.
    expect(aligned.some((p) => p.t === at('2026-03-29T06:00:00Z'))).toBe(true);
    const day = fold(aligned, { period: 'day', timeZone: AMS }).get('2026-03-29')!;
    expect(day.points.some((p) => p.offset >= 2 * H && p.offset < 3 * H)).toBe(false);
    expect(day.points).toHaveLength(92);
  });

  it('puts an ordinary day onto the first pass of the repeated hour', () => {
    const lastWeek = series('2026-10-18T00:00:00Z', '2026-10-18T01:00:00Z', 15 * M, () => 1); // 02:00–03:00 CEST
    expect(alignShift(lastWeek, shiftFor('last-week'), AMS).map((p) => p.t)).toEqual(
      series('2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z', 15 * M, () => 1).map((p) => p.t),
    );
  });

  it('keeps each pass of a repeated hour on the pass with the same offset, when there is one', () => {
    const repeated = series('2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z', 30 * M, (_, i) => i);
    // 53 weeks on is 2027-10-31, the next fall-back Sunday.
    expect(alignShift(repeated, { weeks: 53 }, AMS).map((p) => p.t)).toEqual(
      series('2027-10-31T00:00:00Z', '2027-10-31T02:00:00Z', 30 * M, () => 0).map((p) => p.t),
    );
  });

  it('puts both passes of a repeated hour on the same time of an ordinary day', () => {
    const repeated = series('2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z', 30 * M, (_, i) => i);
    // 52 weeks on is 2027-10-24, still summer time: 02:00 and 02:30 CEST, twice each.
    expect(alignShift(repeated, 'last-year', AMS)).toEqual([
      { t: at('2027-10-24T00:00:00Z'), v: 0 },
      { t: at('2027-10-24T00:30:00Z'), v: 1 },
      { t: at('2027-10-24T00:00:00Z'), v: 2 },
      { t: at('2027-10-24T00:30:00Z'), v: 3 },
    ]);
  });

  it('keeps null values as gaps and the order of the input', () => {
    const points = [
      { t: at('2026-06-02T10:00:00Z'), v: 5 },
      { t: at('2026-06-02T09:00:00Z'), v: null },
    ];
    expect(alignShift(points, 'previous-day', AMS)).toEqual([
      { t: at('2026-06-03T10:00:00Z'), v: 5 },
      { t: at('2026-06-03T09:00:00Z'), v: null },
    ]);
  });

  it('adds a fixed shift as is, DST or not', () => {
    expect(alignShift([{ t: at('2026-03-28T12:00:00Z'), v: 1 }], { ms: 24 * H }, AMS)).toEqual([
      { t: at('2026-03-29T12:00:00Z'), v: 1 },
    ]);
  });

  it('returns nothing for nothing', () => {
    expect(alignShift([], 'last-week', AMS)).toEqual([]);
  });
});
