import { MINUTE_MS, WEEK_MS } from '@hartslag/rhythm';
import { describe, expect, test } from 'vitest';
import { buildRhythmModel } from '../../../src/data/buildRhythmModel.js';
import type { FrameLike } from '../../../src/data/frames.js';
import { frame, frameOf, instants, TZ, usualDay } from '../support/frames.js';

const NOW = Date.parse('2026-10-27T10:00:00+01:00');
const TODAY = instants('2026-10-27T00:00:00+01:00', NOW, MINUTE_MS);

function reasonFor(frames: readonly FrameLike[], options: unknown = {}): string {
  const model = buildRhythmModel({ frames, options, timeZone: TZ, now: NOW });
  if (model.status !== 'no-data') throw new Error('expected no data');
  return model.reason;
}

describe('data the panel cannot draw gives a reason, never a throw', () => {
  test('no frames at all', () => {
    expect(reasonFor([])).toMatch(/^No data in this time range\./);
  });

  test('frames without fields (an empty Prometheus result)', () => {
    expect(reasonFor([{ refId: 'A', fields: [] }])).toMatch(/^No data in this time range\./);
  });

  test('a table without a time field', () => {
    const table: FrameLike = { refId: 'A', fields: [{ name: 'tenant', type: 'string', values: ['apotheek-noord'] }] };
    expect(reasonFor([table])).toMatch(/^No time series: the panel needs a time field and a number field/);
  });

  test('a time field and numbers that are all null', () => {
    expect(
      reasonFor([
        frame(
          'A',
          TODAY,
          TODAY.map(() => null),
        ),
      ]),
    ).toBe('No data points in this time range: every value is empty (null).');
  });

  test('a frame with times but no rows', () => {
    expect(reasonFor([frame('A', [], [])])).toBe('No data points in this time range: every value is empty (null).');
  });

  test('only offset queries: nothing to compare them with', () => {
    const reason = reasonFor([frameOf('B', TODAY, (t) => usualDay(t - WEEK_MS), { displayNameFromDS: 'x offset 1w' })]);
    expect(reason).toMatch(/^Every query has an offset/);
    expect(reason).toContain('A=current');
  });

  test('values that are strings of digits or NaN are read or skipped, not thrown on', () => {
    const odd: FrameLike = {
      refId: 'A',
      fields: [
        { name: 'Time', type: 'time', values: [String(TODAY[0]), TODAY[1], 'soon', TODAY[3]] },
        { name: 'Value', type: 'number', values: ['12', Number.NaN, 5, undefined] },
      ],
    };
    const model = buildRhythmModel({ frames: [odd], options: {}, timeZone: TZ, now: NOW });
    expect(model.status).toBe('ok');
    if (model.status === 'ok') expect(model.current.values[0]).toBe(12);
  });

  test('an unknown time zone falls back to the viewer’s zone with a note', () => {
    const model = buildRhythmModel({
      frames: [frameOf('A', TODAY, usualDay)],
      options: {},
      timeZone: 'Mars/Olympus_Mons',
      now: NOW,
    });
    expect(model.notes[0]).toMatch(/^Unknown time zone "Mars\/Olympus_Mons": showing /);
  });
});
