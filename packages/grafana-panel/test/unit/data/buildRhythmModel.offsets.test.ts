import { DAY_MS, MINUTE_MS, WEEK_MS } from '@hartslag/rhythm';
import { describe, expect, test } from 'vitest';
import { buildRhythmModel } from '../../../src/data/buildRhythmModel.js';
import type { RhythmModel, RhythmModelOk } from '../../../src/data/RhythmModel.js';
import { frameOf, instants, TZ, usualDay } from '../support/frames.js';

// Tuesday after the 25-hour Sunday: a week ago was still summer time, so `offset 1w` (168 h) is an hour off in wall clock.
const NOW = Date.parse('2026-10-27T10:00:00+01:00');
const TODAY = instants('2026-10-27T00:00:00+01:00', NOW, MINUTE_MS);
const at = (h: number, m = 0) => h * 60 + m;

/** What Prometheus returns for `… offset <ms>`: values measured `ms` earlier, stamped with the evaluation times. */
const offsetBy = (ms: number) => (t: number) => usualDay(t - ms);

function ok(model: RhythmModel): RhythmModelOk {
  if (model.status !== 'ok') throw new Error(`expected a model, got no data: ${model.reason}`);
  return model;
}

describe('offset queries mapped to overlays (mode b)', () => {
  test('a query with offset 1w is last week, re-aligned by wall clock across the DST change', () => {
    const raw = offsetBy(WEEK_MS);
    // Unaligned, last week's 08:00 CEST peak arrives at 07:00 CET.
    expect(raw(Date.parse('2026-10-27T07:30:00+01:00'))).toBe(400);
    const model = ok(
      buildRhythmModel({
        frames: [
          frameOf('A', TODAY, usualDay, { displayNameFromDS: 'sum(rate(care_calls_total[5m]))' }),
          frameOf('B', TODAY, raw, { displayNameFromDS: 'sum(rate(care_calls_total[5m] offset 1w))' }),
        ],
        options: {},
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.mode).toBe('offsets');
    const lastWeek = model.overlays.find((o) => o.id === 'last-week');
    expect(lastWeek).toMatchObject({ source: 'query', label: 'Last week' });
    expect(lastWeek?.values[at(7, 30)]).toBe(250);
    expect(lastWeek?.values[at(8, 30)]).toBe(400);
  });

  test('queries are recognised by their PromQL text in the request when the frame has no name', () => {
    const model = ok(
      buildRhythmModel({
        frames: [frameOf('A', TODAY, usualDay), frameOf('C', TODAY, offsetBy(4 * WEEK_MS))],
        queries: [
          { refId: 'A', expr: 'sum(rate(care_calls_total[5m]))' },
          { refId: 'C', expr: 'sum(rate(care_calls_total[5m] offset 4w))' },
        ],
        options: {},
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.overlays.map((o) => o.id)).toEqual(['last-month']);
    expect(model.overlays[0]?.values[at(8, 30)]).toBe(400);
  });

  test('offset 1d, 52w and other whole weeks map to previous-day, last-year and weeks-n', () => {
    const model = ok(
      buildRhythmModel({
        frames: [
          frameOf('A', TODAY, usualDay),
          frameOf('B', TODAY, offsetBy(DAY_MS), { displayNameFromDS: 'x offset 1d' }),
          frameOf('C', TODAY, offsetBy(52 * WEEK_MS), { displayNameFromDS: 'x offset 52w' }),
          frameOf('D', TODAY, offsetBy(2 * WEEK_MS), { displayNameFromDS: 'x offset 14d' }),
        ],
        options: {},
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.overlays.map((o) => [o.id, o.label])).toEqual([
      ['previous-day', 'Previous day'],
      ['weeks-2', '2 weeks ago'],
      ['last-year', 'Last year (52 weeks)'],
    ]);
    for (const o of model.overlays) expect(o.values[at(8, 30)]).toBe(400);
  });

  test('the offset mapping names overlays by refId when the query does not say', () => {
    const model = ok(
      buildRhythmModel({
        frames: [frameOf('A', TODAY, usualDay), frameOf('B', TODAY, offsetBy(WEEK_MS))],
        options: { offsetMapping: 'B=last-week' },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.overlays.map((o) => o.id)).toEqual(['last-week']);
    expect(model.overlays[0]?.values[at(8, 30)]).toBe(400);
  });

  test('the offset mapping names overlays by series name, and can name the current query', () => {
    const model = ok(
      buildRhythmModel({
        frames: [
          frameOf('X', TODAY, offsetBy(4 * WEEK_MS), { displayNameFromDS: 'calls four weeks ago' }),
          frameOf('Y', TODAY, usualDay, { displayNameFromDS: 'calls' }),
          frameOf('Z', TODAY, () => 7, { displayNameFromDS: 'other' }),
        ],
        options: { offsetMapping: 'calls four weeks ago → last-month\nY=current' },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.current.values[at(8, 30)]).toBe(400);
    expect(model.overlays.map((o) => o.id)).toEqual(['last-month']);
  });

  test('a mapping it cannot read is a note, not an error', () => {
    const model = ok(
      buildRhythmModel({
        frames: [frameOf('A', TODAY, usualDay)],
        options: { offsetMapping: 'B=yesterday' },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.notes.some((n) => n.startsWith('Offset mapping "B=yesterday" not understood'))).toBe(true);
  });

  test('an offset query at 5 minutes on a 1-minute grid is joined into a line; a missing hour stays a gap', () => {
    const fiveMin = instants('2026-10-27T00:00:00+01:00', NOW, 5 * MINUTE_MS).filter(
      (t) => !(t >= Date.parse('2026-10-27T03:00:00+01:00') && t < Date.parse('2026-10-27T04:00:00+01:00')),
    );
    const model = ok(
      buildRhythmModel({
        frames: [
          frameOf('A', TODAY, usualDay),
          frameOf('B', fiveMin, offsetBy(WEEK_MS), { displayNameFromDS: 'x offset 1w' }),
        ],
        options: {},
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.step).toBe(MINUTE_MS);
    const values = model.overlays[0]!.values;
    expect(values[at(8, 32)]).toBe(400);
    // Evaluated 03:00–04:00 CET today, measured 04:00–05:00 CEST last Tuesday: drawn at 04:00–05:00.
    expect(values[at(4, 30)]).toBeNull();
    expect(values.slice(at(5), at(6, 55)).every((v) => v === 50)).toBe(true);
    expect(values[at(6, 57)]).toBeCloseTo(50 + (200 * 2) / 5);
    expect(values.slice(at(3), at(3, 55)).every((v) => v === 50)).toBe(true);
  });

  test('with only today in range, offset queries 1–4 weeks back make the baseline band', () => {
    const burst = (t: number) =>
      t >= Date.parse('2026-10-27T09:00:00+01:00') && t < Date.parse('2026-10-27T09:10:00+01:00') ? 900 : usualDay(t);
    const model = ok(
      buildRhythmModel({
        frames: [
          frameOf('A', TODAY, burst),
          ...[1, 2, 3, 4].map((w) =>
            frameOf(String.fromCharCode(65 + w), TODAY, offsetBy(w * WEEK_MS), { displayNameFromDS: `x offset ${w}w` }),
          ),
        ],
        options: {},
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.band?.periods).toEqual(['2026-10-20', '2026-10-13', '2026-10-06', '2026-09-29']);
    expect(model.median?.values[at(8, 30)]).toBe(400);
    expect(model.anomalies?.anomalousMinutes).toBe(10);
  });

  test('in "fold" mode offset queries are ignored and noted', () => {
    const model = ok(
      buildRhythmModel({
        frames: [
          frameOf('A', TODAY, usualDay),
          frameOf('B', TODAY, offsetBy(WEEK_MS), { displayNameFromDS: 'x offset 1w' }),
        ],
        options: { dataMode: 'fold' },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.mode).toBe('fold');
    expect(model.overlays).toEqual([]);
    expect(model.notes).toContain('1 offset query ignored: Data mode is "fold".');
  });

  test('in "offsets" mode overlays come only from offset queries, even when the main query spans weeks', () => {
    const fiveWeeks = instants(NOW - 35 * DAY_MS, NOW, MINUTE_MS);
    const model = ok(
      buildRhythmModel({
        frames: [
          frameOf('A', fiveWeeks, usualDay),
          frameOf('B', TODAY, offsetBy(WEEK_MS), { displayNameFromDS: 'x offset 1w' }),
        ],
        options: { dataMode: 'offsets' },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.overlays.map((o) => [o.id, o.source])).toEqual([['last-week', 'query']]);
    // The band still comes from the weeks of the main query.
    expect(model.band?.periods).toHaveLength(4);
  });

  test('a switched-off overlay hides its offset query too', () => {
    const model = ok(
      buildRhythmModel({
        frames: [
          frameOf('A', TODAY, usualDay),
          frameOf('B', TODAY, offsetBy(WEEK_MS), { displayNameFromDS: 'x offset 1w' }),
        ],
        options: { lastWeek: { show: false } },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.overlays).toEqual([]);
  });

  test('an overlay query stamped with its own (earlier) times is moved forward onto today', () => {
    const lastWeekDay = instants('2026-10-20T00:00:00+02:00', '2026-10-21T00:00:00+02:00', MINUTE_MS);
    const model = ok(
      buildRhythmModel({
        frames: [frameOf('A', TODAY, usualDay), frameOf('B', lastWeekDay, usualDay)],
        options: { offsetMapping: 'B=last-week' },
        timeZone: TZ,
        now: NOW,
      }),
    );
    expect(model.overlays[0]?.values[at(8, 30)]).toBe(400);
    expect(model.overlays[0]?.values[at(20)]).toBe(50);
  });
});
