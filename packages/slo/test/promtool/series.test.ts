import { describe, expect, it } from 'vitest';
import { humanize, humanizeDuration, t } from './harness.js';
import { callSeries, counterValues, denseWithin, expand, expandingNotation, weekday, weeklyRhythm } from './series.js';

describe('traffic to promtool input series', () => {
  it('writes each constant-rate stretch as one a+bxn segment', () => {
    const values = counterValues((m) => (m < 2 ? 10 : 1), 240, 30);
    expect(values).toEqual([0, 300, 600, 900, 1200, 1230, 1260, 1290, 1320]);
    expect(expandingNotation(values)).toBe('0+300x4 1230+30x3');
  });

  it('writes samples left out as _ runs, and still counts their calls', () => {
    const values = counterValues(() => 2, 300, 60, denseWithin([[180, 240]], 120));
    expect(values).toEqual([0, undefined, 240, 360, 480, undefined]);
    expect(expandingNotation(values)).toBe('0 _ 240+120x2 _');
  });

  it('reads back every sample it wrote', () => {
    const rate = (m: number) => (m % 90 < 30 ? 40 : m % 90 < 31 ? 0.2 : 0.003 * 37);
    const values = counterValues(rate, t('1d'), 30, denseWithin([[t('2h'), t('3h')]], 900));
    expect(expand(expandingNotation(values))).toEqual(values);
  });

  it('labels the success and server_error series of care_calls_total', () => {
    const [success, errors] = callSeries(
      { service: 's', operation: 'o' },
      { total: () => 10, errors: () => 1 },
      120,
      60,
    );
    expect(success).toEqual({
      series: 'care_calls_total{service="s",operation="o",outcome="success",code="200"}',
      values: '0+540x2',
    });
    expect(errors).toEqual({
      series: 'care_calls_total{service="s",operation="o",outcome="server_error",code="503"}',
      values: '0+60x2',
    });
  });

  it('knows the days of promtool’s clock', () => {
    expect(weekday(t('0d') / 60)).toBe(4); // Thursday 1 January 1970
    expect(weekday(t('22d10h') / 60)).toBe(5); // Friday
    expect(weekday(t('24d3h') / 60)).toBe(0); // Sunday
  });

  it('has a weekly rhythm: busy weekday mornings, quiet Sunday nights', () => {
    expect(weeklyRhythm(t('22d10h') / 60)).toBe(40);
    expect(weeklyRhythm(t('22d12h30m') / 60)).toBeLessThan(20); // lunch
    expect(weeklyRhythm(t('22d3h') / 60)).toBe(0.2);
    expect(weeklyRhythm(t('24d3h') / 60)).toBe(0.1);
    expect(weeklyRhythm(t('23d10h') / 60)).toBeLessThan(10); // Saturday
  });

  it('renders $value as Prometheus templates do', () => {
    expect(humanizeDuration(300)).toBe('5m 0s');
    expect(humanizeDuration(750)).toBe('12m 30s');
    expect(humanizeDuration(3725)).toBe('1h 2m 5s');
    expect(humanize(2)).toBe('2');
    expect(humanize(1.75)).toBe('1.75');
    expect(humanize(0.1)).toBe('100m');
    expect(humanize(12340)).toBe('12.34k');
  });
});
