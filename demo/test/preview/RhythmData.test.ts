import { localParts, WEEK_MS } from '@hartslag/rhythm';
import { describe, expect, it } from 'vitest';
import { answeredCalls } from '../../src/preview/LiveRate.js';
import { OFFSETS, panelQuery, RhythmData, STEP_MS } from '../../src/preview/RhythmData.js';
import { TrafficCurve } from '../../src/traffic/curve.js';

const TZ = 'Europe/Amsterdam';
// Wednesday 2 December 2026 in Amsterdam (UTC+1).
const at = (hhmm: string, date = '2026-12-02') => Date.parse(`${date}T${hhmm}:00+01:00`);

function frameValue(data: ReturnType<RhythmData['frames']>, refId: string, t: number): number | undefined {
  const frame = data.series.find((f) => f.refId === refId)!;
  const i = frame.fields[0].values.indexOf(t);
  return i < 0 ? undefined : frame.fields[1].values[i];
}

describe('the panel preview data', () => {
  const curve = new TrafficCurve(40);

  it('has today as measured (query A) and every overlay as an offset query at today’s timestamps', () => {
    const rhythm = new RhythmData(curve, TZ);
    rhythm.record(at('07:00'), at('09:00'), 30);
    const data = rhythm.frames(at('09:00'));
    expect(data.timeRange).toEqual({ from: at('00:00'), to: at('09:00') });
    expect(data.series.map((f) => f.refId)).toEqual(['A', ...OFFSETS.map((o) => o.refId)]);
    expect(data.series[0]!.name).toBe(panelQuery(15));
    expect(data.series[1]!.name).toBe('sum(rate(care_calls_total{outcome="success"}[15m] offset 1d))');
    // The panel tells overlays apart by the offset in the query text.
    expect(data.series.map((f) => /offset (\w+)/.exec(f.name)?.[1])).toEqual([
      undefined,
      '1d',
      '1w',
      '2w',
      '3w',
      '4w',
      '52w',
    ]);
    const today = data.series[0]!.fields[0].values;
    expect(today[0]).toBe(at('07:00'));
    expect(today.at(-1)).toBe(at('08:55'));
    expect(new Set(data.series[0]!.fields[1].values)).toEqual(new Set([30]));
    for (const f of data.series.slice(1)) {
      expect(f.fields[0].values[0]).toBe(at('00:00'));
      expect(f.fields[0].values).toHaveLength((9 * 3_600_000) / STEP_MS + 1);
    }
  });

  it('draws earlier days from the traffic curve: quiet at night, busy in the morning, less busy a year ago', () => {
    const rhythm = new RhythmData(curve, TZ);
    const data = rhythm.frames(at('23:55'));
    const lastWeek = (t: number) => frameValue(data, 'C', t)!;
    expect(lastWeek(at('08:30'))).toBeGreaterThan(5 * lastWeek(at('03:00')));
    expect(lastWeek(at('12:40'))).toBeLessThan(lastWeek(at('14:40')));
    const sum = (refId: string) => data.series.find((f) => f.refId === refId)!.fields[1].values.reduce((a, b) => a + b);
    expect(sum('G') / sum('F')).toBeGreaterThan(0.8);
    expect(sum('G') / sum('F')).toBeLessThan(0.95);
    // Wednesday a week ago was a Wednesday: the values follow the usual curve within the day-to-day spread.
    const expected = curve.usualAnswered({ hour: 8.5, weekday: 3 });
    expect(Math.abs(lastWeek(at('08:30')) / expected - 1)).toBeLessThan(0.06);
  });

  it('uses what the demo measured a day earlier for yesterday, and the curve where it has nothing', () => {
    const rhythm = new RhythmData(curve, TZ);
    rhythm.record(at('10:00', '2026-12-01'), at('11:00', '2026-12-01'), 3);
    const data = rhythm.frames(at('12:00'));
    expect(frameValue(data, 'B', at('10:30'))).toBe(3);
    expect(frameValue(data, 'B', at('11:30'))).toBeGreaterThan(10);
    // Today has no measurements yet: no line, rather than a made-up one.
    expect(data.series[0]!.fields[0].values).toEqual([]);
  });

  it('is the same on every page load', () => {
    const a = new RhythmData(curve, TZ).frames(at('15:00'));
    const b = new RhythmData(curve, TZ).frames(at('15:00'));
    expect(a).toEqual(b);
    expect(localParts(a.timeRange.from, TZ)).toMatchObject({ hour: 0, minute: 0 });
  });

  it('forgets measurements the overlays no longer reach', () => {
    const rhythm = new RhythmData(curve, TZ);
    rhythm.record(at('10:00'), at('10:05'), 7);
    rhythm.prune(at('10:00') + 52 * WEEK_MS);
    expect(rhythm.measured(at('10:00'))).toBe(7);
    rhythm.prune(at('10:00') + 54 * WEEK_MS);
    expect(rhythm.measured(at('10:00'))).toBeUndefined();
  });
});

describe('answeredCalls', () => {
  it('sums the successful calls of every operation in the exposition, nothing else', () => {
    const text = [
      '# HELP care_calls_total Calls handled.',
      '# TYPE care_calls_total counter',
      'care_calls_total{service="reference-platform",operation="login",outcome="success",code="200"} 12',
      'care_calls_total{service="reference-platform",operation="fetch-prescription",outcome="success",code="200"} 30',
      'care_calls_total{service="reference-platform",operation="fetch-prescription",outcome="timeout",code="connection_timeout"} 5',
      'care_tenant_calls_total{service="reference-platform",tenant="pharmacy-001",outcome="success"} 99',
      'care_calls_total_created{service="reference-platform",operation="login",outcome="success"} 1700000000',
    ].join('\n');
    expect(answeredCalls(text)).toBe(42);
  });
});
