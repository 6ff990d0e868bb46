import { DAY_MS, MINUTE_MS } from '@hartslag/rhythm';
import { describe, expect, test } from 'vitest';
import { buildRhythmModel } from '../../../src/data/buildRhythmModel.js';
import type { RhythmModel, RhythmModelOk } from '../../../src/data/RhythmModel.js';
import { frameOf, instants, TZ, usualDay } from '../support/frames.js';

const at = (h: number, m = 0) => h * 60 + m;

function ok(model: RhythmModel): RhythmModelOk {
  if (model.status !== 'ok') throw new Error(`expected a model, got no data: ${model.reason}`);
  return model;
}

function fiveWeeksTo(now: number, timeZone = TZ, options: object = {}) {
  return ok(
    buildRhythmModel({
      frames: [frameOf('A', instants(now - 35 * DAY_MS, now, MINUTE_MS), (t) => usualDay(t, timeZone))],
      options,
      timeZone,
      now,
    }),
  );
}

describe.each([
  ['Europe/Amsterdam', '2026-03-29', '+02:00', '2026-10-25', '+01:00'],
  ['Europe/Brussels', '2026-03-29', '+02:00', '2026-10-25', '+01:00'],
])('days of 23 and 25 hours in %s', (timeZone, springDay, springOffset, fallDay, fallOffset) => {
  test('on the 23-hour day 08:00 is at 8 h like on every other day, and 02:00–03:00 is empty', () => {
    const model = fiveWeeksTo(Date.parse(`${springDay}T12:00:00${springOffset}`), timeZone);
    expect(model.date).toBe(springDay);
    expect(model.offsets).toHaveLength(1440);
    expect(model.current.values[at(8, 30)]).toBe(400);
    expect(model.current.values[at(2, 30)]).toBeNull();
    expect(model.current.values[at(1, 59)]).toBe(50);
    expect(model.current.values[at(3)]).toBe(50);
    const yesterday = model.overlays.find((o) => o.id === 'previous-day');
    expect(yesterday?.values[at(2, 30)]).toBe(50);
    expect(yesterday?.values[at(8, 30)]).toBe(400);
    // The band at 02:30 comes from the earlier Sundays alone.
    expect(model.median?.values[at(2, 30)]).toBe(50);
    expect(model.anomalies?.anomalousMinutes).toBe(0);
  });

  test('on the 25-hour day the repeated hour is one stretch of the axis, and the peak still lines up', () => {
    const model = fiveWeeksTo(Date.parse(`${fallDay}T12:00:00${fallOffset}`), timeZone);
    expect(model.date).toBe(fallDay);
    expect(model.offsets).toHaveLength(1440);
    expect(model.current.values[at(2, 30)]).toBe(50);
    expect(model.current.values[at(8, 30)]).toBe(400);
    expect(model.current.values[at(7, 59)]).toBe(250);
    const lastWeek = model.overlays.find((o) => o.id === 'last-week');
    expect(lastWeek?.values[at(8, 30)]).toBe(400);
    expect(lastWeek?.values[at(9, 0)]).toBe(250);
    expect(model.nowOffset).toBe(12 * 3_600_000);
    expect(model.anomalies?.anomalousMinutes).toBe(0);
  });

  test('the week holding a DST change is still 168 hours of wall clock', () => {
    const model = fiveWeeksTo(Date.parse(`${fallDay}T12:00:00${fallOffset}`), timeZone, { period: 'week' });
    expect(model.date).toBe('2026-10-19');
    expect(model.offsets).toHaveLength(7 * 1440);
    // Sunday 08:30, after the change, and Monday 08:30, before it.
    expect(model.current.values[6 * 1440 + at(8, 30)]).toBe(400);
    expect(model.current.values[at(8, 30)]).toBe(400);
  });
});
