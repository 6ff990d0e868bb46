import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../src/index.js';

describe('durations', () => {
  it.each([
    ['15s', 15_000],
    ['1m', 60_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['30d', 2_592_000_000],
    ['1h1m1s1ms', 3_661_001],
    ['0s', 0],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '15', 's', '1.5s', '30s1m', '15 s', '-5s', '1M', '15sec', ' 1m', '1d1w', '99999999999999999y'])(
    'rejects "%s"',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('spells milliseconds the shortest way, and back', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(500)).toBe('500ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(2_592_000_000)).toBe('30d');
    for (const ms of [1, 999, 15_000, 3_661_001, 86_400_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
