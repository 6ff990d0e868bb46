import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from '@hartslag/rhythm';
import { describe, expect, test } from 'vitest';
import { formatDuration, offsetIn, parseDuration } from '../../../src/data/durations.js';
import { lookupMapping, parseOffsetMapping } from '../../../src/data/offsetMapping.js';
import { overlayIdForOffset, overlaysFromOptions, parseSeriesTarget } from '../../../src/data/overlays.js';
import { resolveOptions } from '../../../src/data/resolveOptions.js';

describe('PromQL durations and offsets', () => {
  test.each([
    ['1w', WEEK_MS],
    ['7d', WEEK_MS],
    ['1w2d', WEEK_MS + 2 * DAY_MS],
    ['90m', 90 * MINUTE_MS],
    ['12h', 12 * HOUR_MS],
    ['1y', 365 * DAY_MS],
    ['500ms', 500],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each(['', 'w', '1x', '-1d', '0d', '1.5h', 'yesterday'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  test('the offset of a query is found in its text, wherever it stands', () => {
    expect(offsetIn('sum(rate(care_calls_total[5m] offset 1w))')).toBe(WEEK_MS);
    expect(offsetIn('sum(rate(care_calls_total[5m] OFFSET 52w))')).toBe(52 * WEEK_MS);
    expect(offsetIn('sum(rate(care_calls_total[5m]))')).toBeNull();
    expect(offsetIn('calls (offset_total)')).toBeNull();
  });

  test('durations print in their largest whole unit', () => {
    expect(formatDuration(WEEK_MS)).toBe('1w');
    expect(formatDuration(3 * DAY_MS)).toBe('3d');
    expect(formatDuration(26 * HOUR_MS)).toBe('26h');
    expect(formatDuration(1500)).toBe('1500ms');
  });

  test.each([
    [DAY_MS, 'previous-day'],
    [WEEK_MS, 'last-week'],
    [4 * WEEK_MS, 'last-month'],
    [52 * WEEK_MS, 'last-year'],
    [3 * WEEK_MS, 'weeks-3'],
    [3 * DAY_MS, 'custom'],
  ])('an offset of %d ms is %s', (ms, id) => {
    expect(overlayIdForOffset(ms)).toBe(id);
  });
});

describe('the offset mapping', () => {
  test('reads pairs separated by lines or commas, joined by =, :, -> or →', () => {
    const { mapping, notes } = parseOffsetMapping('B=last-week, C: 4w\nD -> weeks-2; E → current\nF=offset 1d');
    expect([...mapping]).toEqual([
      ['B', 'last-week'],
      ['C', 'last-month'],
      ['D', 'weeks-2'],
      ['E', 'current'],
      ['F', 'previous-day'],
    ]);
    expect(notes).toEqual([]);
  });

  test('looks a series up by refId first, then by any of its names ignoring case', () => {
    const { mapping } = parseOffsetMapping('B=last-week\nCalls a month ago=last-month');
    expect(lookupMapping(mapping, 'B', [])).toBe('last-week');
    expect(lookupMapping(mapping, 'X', ['calls a month ago'])).toBe('last-month');
    expect(lookupMapping(mapping, 'X', ['calls'])).toBeUndefined();
  });

  test('overlay ids are read in any case; unknown ones are not', () => {
    expect(parseSeriesTarget('Last-Week')).toBe('last-week');
    expect(parseSeriesTarget('weeks-0')).toBeNull();
    expect(parseSeriesTarget('yesterday')).toBeNull();
  });
});

describe('overlays from the options', () => {
  test('4 weeks back and last month are the same line: last month is kept', () => {
    const { options } = resolveOptions({ weeksBack: { value: 4 } });
    expect(overlaysFromOptions(options).overlays.map((o) => o.id)).toEqual([
      'previous-day',
      'last-week',
      'last-month',
      'last-year',
    ]);
  });

  test('a week period has no previous-day overlay, and calls last week the previous week', () => {
    const { options } = resolveOptions({ period: 'week' });
    expect(overlaysFromOptions(options).overlays.map((o) => [o.id, o.label])).toEqual([
      ['last-week', 'Previous week'],
      ['last-month', 'Last month (4 weeks)'],
      ['last-year', 'Last year (52 weeks)'],
    ]);
  });

  test('a custom shift that is not a duration is a note', () => {
    const { options } = resolveOptions({ customShift: { value: 'yesterday' } });
    expect(overlaysFromOptions(options).notes).toEqual([
      'Custom shift "yesterday" is not a duration: use e.g. 3d, 2w or 12h.',
    ]);
  });

  test('whole days shift by local dates, other durations by the clock', () => {
    const days = overlaysFromOptions(resolveOptions({ customShift: { value: '2d' } }).options).overlays.at(-1);
    const hours = overlaysFromOptions(resolveOptions({ customShift: { value: '36h' } }).options).overlays.at(-1);
    expect(days?.shift).toEqual({ kind: 'calendar', id: '2-days', days: 2 });
    expect(hours?.shift).toEqual({ kind: 'fixed', id: `${36 * HOUR_MS}-ms`, ms: 36 * HOUR_MS });
  });
});
