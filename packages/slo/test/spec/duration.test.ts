import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/model/duration.js';

// The spec reader relies on these: what parseDuration accepts decides which durations it reports.
describe('parseDuration, as the spec reader uses it', () => {
  it.each([
    ['30d', 2_592_000],
    ['28d', 2_419_200],
    ['4w', 2_419_200],
    ['720h', 2_592_000],
    ['1d', 86_400],
    ['90d', 7_776_000],
    ['10m', 600],
    ['1h30m', 5400],
    ['90s', 90],
    ['1500ms', 1.5],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('reads 0s as zero, which warnAfter must therefore reject itself', () => {
    expect(parseDuration('0s')).toBe(0);
  });

  it('gives 36h as seconds that are not whole days, which timeWindow rejects', () => {
    expect(parseDuration('36h')! % 86_400).not.toBe(0);
  });

  it.each([[''], ['30'], ['30 days'], ['30days'], ['1.5h'], ['30D'], [' 30d'], ['-5m'], ['m'], ['30m1h']])(
    'does not read %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('formatDuration, as messages show limits', () => {
  it.each([
    [60, '1m'],
    [600, '10m'],
    [3600, '1h'],
    [86_400, '1d'],
    [7_776_000, '90d'],
  ])('shows %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
