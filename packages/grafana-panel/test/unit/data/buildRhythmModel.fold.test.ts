import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from '@hartslag/rhythm';
import { describe, expect, test } from 'vitest';
import { buildRhythmModel } from '../../../src/data/buildRhythmModel.js';
import type { RhythmModel, RhythmModelOk } from '../../../src/data/RhythmModel.js';
import { frame, frameOf, instants, TZ, usualDay } from '../support/frames.js';

const NOW = Date.parse('2026-10-27T10:00:00+01:00'); // a Tuesday, two days after the 25-hour Sunday
const FIVE_WEEKS = instants(NOW - 35 * DAY_MS, NOW, MINUTE_MS);
const at = (h: number, m = 0) => h * 60 + m;

/** Five weeks of 1-minute call rates with a burst of 900 calls/min today 09:00–09:23. */
function burstToday(t: number): number {
  const todayNine = Date.parse('2026-10-27T09:00:00+01:00');
  return t >= todayNine && t < todayNine + 23 * MINUTE_MS ? 900 : usualDay(t);
}

function ok(model: RhythmModel): RhythmModelOk {
  if (model.status !== 'ok') throw new Error(`expected a model, got no data: ${model.reason}`);
  return model;
}

describe('one long query folded into days (mode a)', () => {
  const model = ok(
    buildRhythmModel({ frames: [frameOf('A', FIVE_WEEKS, burstToday)], options: {}, timeZone: TZ, now: NOW }),
  );

  test('the current period is the local day containing the end of the time range, on a 1-minute grid', () => {
    expect(model.mode).toBe('fold');
    expect(model.date).toBe('2026-10-27');
    expect(model.step).toBe(MINUTE_MS);
    expect(model.offsets).toHaveLength(1440);
    expect(model.length).toBe(DAY_MS);
    expect(model.nowOffset).toBe(10 * HOUR_MS);
    expect(model.current.label).toBe('Tue 27 Oct');
  });

  test('today is placed by wall clock and ends at now', () => {
    expect(model.current.values[at(8, 30)]).toBe(400);
    expect(model.current.values[at(9, 5)]).toBe(900);
    expect(model.current.values[at(9, 59)]).toBe(250);
    expect(model.current.values[at(10)]).toBeNull();
  });

  test('yesterday, the same weekday last week and 4 weeks back are overlays; a year back has no data and says so', () => {
    expect(model.overlays.map((o) => [o.id, o.from])).toEqual([
      ['previous-day', '2026-10-26'],
      ['last-week', '2026-10-20'],
      ['last-month', '2026-09-29'],
    ]);
    for (const o of model.overlays) expect(o.values[at(8, 30)]).toBe(400);
    expect(model.notes.some((n) => n.startsWith('Last year (52 weeks): no data for Tue 28 Oct'))).toBe(true);
  });

  test('the band is the median and p10–p90 of the previous four Tuesdays', () => {
    expect(model.band?.periods).toEqual(['2026-10-20', '2026-10-13', '2026-10-06', '2026-09-29']);
    expect(model.band?.label).toBe('p10–p90 band');
    expect(model.median?.values[at(8, 30)]).toBe(400);
    expect(model.band?.low[at(12, 30)]).toBe(150);
    expect(model.band?.high[at(23, 30)]).toBe(50);
  });

  test('the burst is one anomalous range of 23 minutes above the band', () => {
    expect(model.anomalies?.anomalousMinutes).toBe(23);
    expect(model.anomalies?.ranges).toEqual([
      { from: 9 * HOUR_MS, to: 9 * HOUR_MS + 23 * MINUTE_MS, direction: 'above', peak: 650 },
    ]);
  });

  test('n weeks back and a custom shift come from the same fold', () => {
    const m = ok(
      buildRhythmModel({
        frames: [frameOf('A', FIVE_WEEKS, usualDay)],
        options: {
          weeksBack: { show: true, style: 'solid', value: 2 },
          customShift: { show: true, style: 'dashed', value: '3d' },
        },
        timeZone: TZ,
        now: NOW,
      }),
    );
    const ids = m.overlays.map((o) => o.id);
    expect(ids).toEqual(['previous-day', 'last-week', 'weeks-2', 'last-month', 'custom']);
    expect(m.overlays.find((o) => o.id === 'weeks-2')?.from).toBe('2026-10-13');
    expect(m.overlays.find((o) => o.id === 'custom')).toMatchObject({ label: '3d earlier', from: '2026-10-24' });
  });

  test('switched-off overlays, band and anomalies are left out', () => {
    const m = ok(
      buildRhythmModel({
        frames: [frameOf('A', FIVE_WEEKS, burstToday)],
        options: {
          previousDay: { show: false, style: 'dashed' },
          lastMonth: { show: false, style: 'faded' },
          lastYear: { show: false, style: 'faded' },
          band: { show: false },
          anomalies: { show: false },
        },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(m.overlays.map((o) => o.id)).toEqual(['last-week']);
    expect(m.band).toBeNull();
    expect(m.median).toBeNull();
    expect(m.anomalies).toBeNull();
  });

  test('anomalies are found against the band even when the band is not drawn', () => {
    const m = ok(
      buildRhythmModel({
        frames: [frameOf('A', FIVE_WEEKS, burstToday)],
        options: { band: { show: false } },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(m.band).toBeNull();
    expect(m.anomalies?.anomalousMinutes).toBe(23);
  });

  test('a week period runs Monday to Sunday: last week is an overlay, the band is made of earlier weeks', () => {
    const m = ok(
      buildRhythmModel({
        frames: [frameOf('A', FIVE_WEEKS, usualDay)],
        options: { period: 'week' },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(m.date).toBe('2026-10-26');
    expect(m.length).toBe(WEEK_MS);
    expect(m.offsets).toHaveLength(7 * 1440);
    expect(m.nowOffset).toBe(DAY_MS + 10 * HOUR_MS);
    expect(m.current.label).toBe('Week of Mon 26 Oct');
    expect(m.overlays.map((o) => [o.id, o.label, o.from])).toEqual([
      ['last-week', 'Previous week', '2026-10-19'],
      ['last-month', 'Last month (4 weeks)', '2026-09-28'],
    ]);
    expect(m.band?.periods).toEqual(['2026-10-19', '2026-10-12', '2026-10-05', '2026-09-28']);
    // Tuesday 08:30 of last week.
    expect(m.overlays[0]?.values[1440 + at(8, 30)]).toBe(400);
  });

  test('the band can compare with every previous day instead of the same weekday', () => {
    const m = ok(
      buildRhythmModel({
        frames: [frameOf('A', FIVE_WEEKS, usualDay)],
        options: { band: { match: 'every-day', periods: 3 } },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(m.band?.periods).toEqual(['2026-10-26', '2026-10-25', '2026-10-24']);
  });

  test('a time range ending after the data shows the last day with data and notes it', () => {
    const m = ok(
      buildRhythmModel({ frames: [frameOf('A', FIVE_WEEKS, usualDay)], options: {}, timeZone: TZ, now: NOW + DAY_MS }),
    );
    expect(m.date).toBe('2026-10-27');
    expect(m.nowOffset).toBe(DAY_MS);
    expect(m.notes).toContain('No data yet for Wed 28 Oct: showing Tue 27 Oct.');
  });

  test('without a time range the last data point is now', () => {
    const m = ok(buildRhythmModel({ frames: [frameOf('A', FIVE_WEEKS, usualDay)], options: {}, timeZone: TZ }));
    expect(m.date).toBe('2026-10-27');
    expect(m.nowOffset).toBe(10 * HOUR_MS - MINUTE_MS);
  });

  test('nulls in the data are gaps, not zeros', () => {
    const m = ok(
      buildRhythmModel({
        frames: [
          frame(
            'A',
            FIVE_WEEKS,
            FIVE_WEEKS.map((t, i) => (i % 10 === 0 ? null : usualDay(t))),
          ),
        ],
        options: {},
        timeZone: TZ,
        now: NOW,
      }),
    );
    const gaps = m.current.values.slice(0, 600).filter((v) => v === null).length;
    expect(gaps).toBe(60);
    expect(m.current.values.slice(0, 600).every((v) => v === null || v === 50 || v === 250 || v === 400)).toBe(true);
    expect(m.anomalies?.anomalousMinutes).toBe(0);
  });

  test('other series next to the current one are noted, the first is drawn', () => {
    const m = ok(
      buildRhythmModel({
        frames: [
          frameOf('A', FIVE_WEEKS, usualDay, { labels: { tenant: 'apotheek-noord' } }),
          frameOf('A', FIVE_WEEKS, () => 1, { labels: { tenant: 'apotheek-zuid' } }),
        ],
        options: {},
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(m.current.values[at(8, 30)]).toBe(400);
    expect(m.notes.some((n) => n.startsWith('1 more series not drawn'))).toBe(true);
  });
});
