import { HOUR_MS, localParts, MINUTE_MS, WEEK_MS } from '@hartslag/rhythm';
import { describe, expect, it } from 'vitest';
import { OFFSETS, panelQuery, RhythmData, STEP_MS } from '../../src/preview/RhythmData.js';
import { TrafficCurve } from '../../src/traffic/curve.js';

const TZ = 'Europe/Amsterdam';
// Wednesday 2 December 2026 in Amsterdam (UTC+1); the demo's story began on the Monday.
const at = (hhmm: string, date = '2026-12-02') => Date.parse(`${date}T${hhmm}:00+01:00`);
/** At the demo's default speed a simulated minute takes 0.4167 real seconds. */
const MINUTE_SECONDS = 60 / 144;

function frameValue(data: ReturnType<RhythmData['frames']>, refId: string, t: number): number | undefined {
  const frame = data.series.find((f) => f.refId === refId)!;
  const i = frame.fields[0].values.indexOf(t);
  return i < 0 ? undefined : frame.fields[1].values[i];
}

/** Counts `perMinute` answered calls in every simulated minute of [from, to). */
function run(rhythm: RhythmData, from: number, to: number, perMinute: number): void {
  for (let m = from; m < to; m += MINUTE_MS) {
    rhythm.cover(m);
    for (let i = 0; i < perMinute; i++) rhythm.answer(m);
  }
}

describe('the panel preview data', () => {
  const curve = new TrafficCurve(40, '2026-11-30');
  /** The preview of a demo whose traffic started within Monday's 06:59. */
  const fresh = () => {
    const rhythm = new RhythmData(curve, TZ, MINUTE_SECONDS);
    rhythm.cover(at('06:59', '2026-11-30'));
    return rhythm;
  };

  it('has today as counted (query A) and every overlay as an offset query at today’s timestamps', () => {
    const rhythm = fresh();
    run(rhythm, at('07:00'), at('09:00'), 10);
    const data = rhythm.frames(at('09:00'));
    expect(data.timeRange).toEqual({ from: at('00:00'), to: at('09:00') });
    expect(data.series.map((f) => f.refId)).toEqual(['A', ...OFFSETS.map((o) => o.refId)]);
    expect(data.series[0]!.name).toBe(panelQuery());
    expect(data.series[1]!.name).toBe(
      'sum(rate(care_calls_total{outcome="success",operation!="login"}[1m] offset 1d))',
    );
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
    expect(today.at(-1)).toBe(at('08:59'));
    // Ten calls in 0.4167 real seconds: 24 calls per second.
    expect(new Set(data.series[0]!.fields[1].values)).toEqual(new Set([24]));
    for (const f of data.series.slice(1)) {
      expect(f.fields[0].values[0]).toBe(at('00:00'));
      expect(f.fields[0].values).toHaveLength((9 * HOUR_MS) / STEP_MS + 1);
    }
  });

  it('shows a minute the traffic ran in without answers as zero, and leaves out minutes not yet settled', () => {
    const rhythm = fresh();
    run(rhythm, at('10:00'), at('10:05'), 3);
    run(rhythm, at('10:05'), at('10:07'), 0);
    run(rhythm, at('10:07'), at('10:10'), 3);
    const data = rhythm.frames(at('10:10'), at('10:08'));
    expect(data.series[0]!.fields[0].values).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((m) => at('10:00') + m * MINUTE_MS));
    expect(data.series[0]!.fields[1].values.slice(4, 7)).toEqual([7.2, 0, 0]);
  });

  it('leaves out the minute the traffic started in: it holds only part of a minute’s calls', () => {
    const rhythm = new RhythmData(curve, TZ, MINUTE_SECONDS);
    run(rhythm, at('10:00'), at('10:03'), 3);
    expect(rhythm.measured(at('10:00'))).toBeUndefined();
    expect(rhythm.measured(at('10:01'))).toBeCloseTo(7.2);
  });

  it('draws earlier days from the pharmacy day: quiet at night, busy in the morning, less busy a year ago', () => {
    const rhythm = fresh();
    const data = rhythm.frames(at('23:55'));
    const lastWeek = (t: number) => frameValue(data, 'C', t)!;
    expect(lastWeek(at('08:30'))).toBeGreaterThan(5 * lastWeek(at('03:00')));
    expect(lastWeek(at('12:40'))).toBeLessThan(lastWeek(at('14:40')));
    const sum = (refId: string) => data.series.find((f) => f.refId === refId)!.fields[1].values.reduce((a, b) => a + b);
    expect(sum('G') / sum('F')).toBeGreaterThan(0.8);
    expect(sum('G') / sum('F')).toBeLessThan(0.95);
    // A week ago was a Wednesday of the seeded past: the curve at its day's level, a week's growth less.
    const t = at('08:30', '2026-11-25');
    const moment = { date: '2026-11-25', weekday: 3, hour: 8.5, instant: t };
    expect(lastWeek(at('08:30'))).toBeCloseTo(curve.usualAnswered(moment) * (1 - 0.12 / 52), 1);
  });

  it('uses what the demo counted a day earlier for yesterday, and the pharmacy day where it has nothing', () => {
    const rhythm = fresh();
    run(rhythm, at('10:00', '2026-12-01'), at('11:00', '2026-12-01'), 1);
    const data = rhythm.frames(at('12:00'));
    expect(frameValue(data, 'B', at('10:30'))).toBe(2.4);
    expect(frameValue(data, 'B', at('11:30'))).toBeGreaterThan(10);
    // Today has no counts yet: no line, rather than a made-up one.
    expect(data.series[0]!.fields[0].values).toEqual([]);
  });

  it('is the same on every page load', () => {
    const a = new RhythmData(curve, TZ, MINUTE_SECONDS).frames(at('15:00'));
    const b = new RhythmData(curve, TZ, MINUTE_SECONDS).frames(at('15:00'));
    expect(a).toEqual(b);
    expect(localParts(a.timeRange.from, TZ)).toMatchObject({ hour: 0, minute: 0 });
  });

  it('forgets counts the overlays no longer reach', () => {
    const rhythm = fresh();
    run(rhythm, at('10:00'), at('10:01'), 3);
    rhythm.prune(at('10:00') + 52 * WEEK_MS);
    expect(rhythm.measured(at('10:00'))).toBeCloseTo(7.2);
    rhythm.prune(at('10:00') + 54 * WEEK_MS);
    expect(rhythm.measured(at('10:00'))).toBeUndefined();
  });
});
