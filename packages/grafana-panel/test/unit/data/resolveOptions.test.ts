import { describe, expect, test } from 'vitest';
import { resolveOptions } from '../../../src/data/resolveOptions.js';
import { DEFAULT_OPTIONS } from '../../../src/types.js';

describe('options as stored in a dashboard are completed and checked', () => {
  test('the defaults come back unchanged and without notes', () => {
    expect(resolveOptions(DEFAULT_OPTIONS)).toEqual({ options: DEFAULT_OPTIONS, notes: [] });
  });

  test('missing options, or none at all, take their defaults', () => {
    expect(resolveOptions(undefined).options).toEqual(DEFAULT_OPTIONS);
    const { options } = resolveOptions({ period: 'week', band: { periods: 6 }, lastYear: { show: false } });
    expect(options.period).toBe('week');
    expect(options.band).toEqual({ ...DEFAULT_OPTIONS.band, periods: 6 });
    expect(options.lastYear).toEqual({ show: false, style: DEFAULT_OPTIONS.lastYear.style });
  });

  test('quantiles the wrong way round fall back to p10–p90 with a note', () => {
    const { options, notes } = resolveOptions({ band: { low: 0.9, high: 0.1 } });
    expect([options.band.low, options.band.high]).toEqual([0.1, 0.9]);
    expect(notes).toEqual(['Band quantiles must satisfy 0 ≤ low < high ≤ 1, got 0.9–0.1: using p10–p90.']);
  });

  test('unknown styles and modes take their defaults; numbers typed as text are read', () => {
    const { options } = resolveOptions({
      dataMode: 'magic',
      lastWeek: { show: true, style: 'wavy' },
      weeksBack: { value: '3' },
      anomalies: { margin: '0.5', minTolerance: -1 },
    });
    expect(options.dataMode).toBe('auto');
    expect(options.lastWeek.style).toBe('dashed');
    expect(options.weeksBack.value).toBe(3);
    expect(options.anomalies.margin).toBe(0.5);
    expect(options.anomalies.minTolerance).toBe(0);
  });

  test('an offset mapping given as an object is turned into its text form', () => {
    expect(resolveOptions({ offsetMapping: { B: 'last-week', C: 'last-month' } }).options.offsetMapping).toBe(
      'B=last-week\nC=last-month',
    );
  });
});
