import { describe, expect, it } from 'vitest';
import { addDays, isoWeekOf, weekdayOf } from '../../src/index.js';

describe('local dates', () => {
  it('names ISO weeks around a New Year of a 53-week year', () => {
    // 2026 starts on a Thursday: it has 53 ISO weeks; 2020 too (a leap year starting on Wednesday).
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2026-12-28')).toBe('2026-W53');
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2020-12-31')).toBe('2020-W53');
    expect(isoWeekOf('2021-01-04')).toBe('2021-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('knows the weekdays of known dates', () => {
    expect(weekdayOf('2026-03-29')).toBe(7);
    expect(weekdayOf('2028-02-29')).toBe(2);
    expect(weekdayOf('2027-01-04')).toBe(1);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-29')).toBe(1);
  });

  it('adds days across a leap day and a New Year', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2029-02-27', -364)).toBe('2028-02-29');
  });

  it('rejects dates that are not on the calendar', () => {
    for (const bad of ['2027-02-29', '2026-13-01', '2026-1-1', '2026-03-29T00:00', '']) {
      expect(() => addDays(bad, 1)).toThrowError(expect.objectContaining({ code: 'HARTSLAG_ERR_RHYTHM_DATE_INVALID' }));
    }
    expect(() => addDays('2026-03-29', 0.5)).toThrowError(
      expect.objectContaining({ code: 'HARTSLAG_ERR_RHYTHM_OPTION_INVALID' }),
    );
  });
});
