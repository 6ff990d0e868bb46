import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, WEEK_MS } from '@hartslag/rhythm';
import { describe, expect, test } from 'vitest';
import { bridgeGaps, normalGap } from '../../../src/data/bridgeGaps.js';
import { formatDate, formatMinutes, formatOffset, formatPercent, percentDiff } from '../../../src/data/format.js';
import { displayName, readSeries } from '../../../src/data/frames.js';
import { gridStep, inferStep, MAX_BUCKETS } from '../../../src/data/step.js';
import { resolveTimeZone } from '../../../src/data/timeZone.js';
import { frame } from '../support/frames.js';

const pts = (times: number[]) => times.map((t) => ({ t, v: 1 }));

describe('the step of a series', () => {
  test('is the median gap, so missed scrapes and a late sample do not change it', () => {
    expect(inferStep(pts([0, 60_000, 120_000, 300_000, 360_000, 421_000, 480_000]))).toBe(60_000);
  });

  test('does not depend on the order of the rows', () => {
    expect(inferStep(pts([300_000, 0, 600_000, 900_000, 1_200_000]))).toBe(300_000);
  });

  test('is unknown with fewer than two distinct times', () => {
    expect(inferStep(pts([5]))).toBeNull();
    expect(inferStep(pts([5, 5]))).toBeNull();
  });

  test('is the mean of the two middle gaps for an even count', () => {
    expect(inferStep(pts([0, 10_000, 30_000]))).toBe(15_000);
  });

  test('the grid uses whole seconds and never more than MAX_BUCKETS buckets per period', () => {
    expect(gridStep(59_600, 'day')).toBe(60_000);
    expect(gridStep(200, 'day')).toBe(5 * SECOND_MS);
    expect(gridStep(null, 'day')).toBe(MINUTE_MS);
    expect(gridStep(15_000, 'week')).toBe(30_000);
    expect(WEEK_MS / gridStep(15_000, 'week')).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(gridStep(3 * DAY_MS, 'week')).toBe(DAY_MS);
  });
});

describe('joining a coarse series on a fine grid', () => {
  test('fills the buckets between two samples linearly', () => {
    expect(bridgeGaps([0, null, null, null, 8], 3)).toEqual([0, 2, 4, 6, 8]);
  });

  test('leaves longer gaps, and the ends, alone', () => {
    expect(bridgeGaps([null, 1, null, null, null, null, 1, null], 3)).toEqual([
      null,
      1,
      null,
      null,
      null,
      null,
      1,
      null,
    ]);
  });

  test('a series at the grid step is never joined; a 5-minute one on a 1-minute grid joins up to 6 empty buckets', () => {
    expect(normalGap(60_000, 60_000)).toBe(0);
    expect(normalGap(null, 60_000)).toBe(0);
    expect(normalGap(300_000, 60_000)).toBe(6);
  });
});

describe('formatting', () => {
  test('offsets as time of day or time of week', () => {
    expect(formatOffset(0, 'day')).toBe('00:00');
    expect(formatOffset(8 * HOUR_MS + 5 * MINUTE_MS, 'day')).toBe('08:05');
    expect(formatOffset(DAY_MS, 'day')).toBe('24:00');
    expect(formatOffset(DAY_MS + 13 * HOUR_MS, 'week')).toBe('Tue 13:00');
    expect(formatOffset(WEEK_MS, 'week')).toBe('Sun 24:00');
  });

  test('dates as a person reads them', () => {
    expect(formatDate('2026-10-27')).toBe('Tue 27 Oct');
    expect(formatDate('2028-02-29')).toBe('Tue 29 Feb');
  });

  test('the difference of the current value against a reference, in %', () => {
    expect(formatPercent(percentDiff(450, 400))).toBe('+12.5 %');
    expect(formatPercent(percentDiff(300, 400))).toBe('−25.0 %');
    expect(formatPercent(percentDiff(400, 400))).toBe('0.0 %');
    expect(formatPercent(percentDiff(-5, -10))).toBe('+50.0 %');
    expect(formatPercent(percentDiff(5, 0))).toBe('–');
    expect(formatPercent(percentDiff(null, 400))).toBe('–');
  });

  test('anomalous minutes', () => {
    expect(formatMinutes(23)).toBe('23');
    expect(formatMinutes(0.5)).toBe('0.5');
    expect(formatMinutes(12.4)).toBe('12');
  });
});

describe('reading frames', () => {
  test('every number field is a series, named by its display name, labels and query text', () => {
    const f = frame('A', [1, 2], [3, null], { displayNameFromDS: 'calls', labels: { tenant: 'apotheek-noord' } });
    const [s] = readSeries([f], [{ refId: 'A', expr: 'sum(rate(care_calls_total[5m]))' }]);
    expect(s?.points).toEqual([{ t: 1, v: 3 }]);
    expect(s?.rows).toBe(2);
    expect(s?.names).toEqual(['calls', 'Value', '{tenant="apotheek-noord"}', 'sum(rate(care_calls_total[5m]))']);
    expect(displayName(s!)).toBe('calls');
  });
});

describe('time zones', () => {
  test("Grafana's 'utc' and IANA names are used as given; 'browser' is the viewer's zone", () => {
    expect(resolveTimeZone('utc')).toEqual({ timeZone: 'UTC' });
    expect(resolveTimeZone('Europe/Brussels')).toEqual({ timeZone: 'Europe/Brussels' });
    expect(resolveTimeZone('browser').timeZone).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
