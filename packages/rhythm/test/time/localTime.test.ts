import { describe, expect, it } from 'vitest';
import {
  instantAt,
  localDate,
  localParts,
  periodBounds,
  RhythmError,
  startOfDate,
  startOfLocalDay,
  startOfLocalWeek,
  utcOffset,
  wallOffset,
} from '../../src/index.js';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

// Both zones follow the EU rule: last Sunday of March 01:00 UTC (02:00 → 03:00), last Sunday of
// October 01:00 UTC (03:00 → 02:00). The instants below are written out from that rule, not computed.
describe.each(['Europe/Amsterdam', 'Europe/Brussels'])('local time in %s', (zone) => {
  it('makes the spring-forward day 2026-03-29 23 hours long', () => {
    expect(periodBounds('2026-03-29', 'day', zone)).toEqual({
      start: at('2026-03-28T23:00:00Z'),
      end: at('2026-03-29T22:00:00Z'),
      length: 23 * H,
    });
  });

  it('makes the fall-back day 2026-10-25 25 hours long', () => {
    expect(periodBounds('2026-10-25', 'day', zone)).toEqual({
      start: at('2026-10-24T22:00:00Z'),
      end: at('2026-10-25T23:00:00Z'),
      length: 25 * H,
    });
  });

  it('makes the week of a DST change 167 or 169 hours long, starting on Monday', () => {
    expect(periodBounds('2026-03-26', 'week', zone)).toEqual({
      start: at('2026-03-22T23:00:00Z'),
      end: at('2026-03-29T22:00:00Z'),
      length: 167 * H,
    });
    expect(periodBounds('2026-10-25', 'week', zone).length).toBe(169 * H);
  });

  it('reads both passes through 02:30 on the fall-back day as 02:30, with their own offsets', () => {
    const first = localParts(at('2026-10-25T00:30:00Z'), zone);
    const second = localParts(at('2026-10-25T01:30:00Z'), zone);
    expect([first.hour, first.minute, first.offset]).toEqual([2, 30, 2 * H]);
    expect([second.hour, second.minute, second.offset]).toEqual([2, 30, 1 * H]);
    expect(first.date).toBe('2026-10-25');
    expect(first.weekday).toBe(7);
  });

  it('jumps from 01:59:59 to 03:00:00 on the spring-forward day', () => {
    const before = localParts(at('2026-03-29T00:59:59Z'), zone);
    const after = localParts(at('2026-03-29T01:00:00Z'), zone);
    expect([before.hour, before.minute, before.second]).toEqual([1, 59, 59]);
    expect([after.hour, after.minute, after.second]).toEqual([3, 0, 0]);
    expect(utcOffset(at('2026-03-29T00:59:59.999Z'), zone)).toBe(H);
    expect(utcOffset(at('2026-03-29T01:00:00Z'), zone)).toBe(2 * H);
  });

  it('puts 08:00 at eight wall-clock hours into every day, DST days included', () => {
    for (const t of ['2026-03-28T07:00:00Z', '2026-03-29T06:00:00Z', '2026-10-25T07:00:00Z', '2026-10-26T07:00:00Z']) {
      expect(wallOffset(at(t), zone)).toBe(8 * H);
    }
  });

  it('measures the week position from Monday 00:00 local', () => {
    // Sunday 2026-03-29 08:00 CEST: six days and eight hours into the week of Monday 2026-03-23.
    expect(wallOffset(at('2026-03-29T06:00:00Z'), zone, 'week')).toBe(6 * 24 * H + 8 * H);
    expect(startOfLocalWeek(at('2026-03-29T06:00:00Z'), zone)).toBe(at('2026-03-22T23:00:00Z'));
  });

  it('finds the start of the local day, not of the UTC day', () => {
    expect(startOfLocalDay(at('2026-03-29T21:59:59Z'), zone)).toBe(at('2026-03-28T23:00:00Z'));
    expect(startOfLocalDay(at('2026-03-29T22:00:00Z'), zone)).toBe(at('2026-03-29T22:00:00Z'));
    expect(localDate(at('2026-03-29T22:00:00Z'), zone)).toBe('2026-03-30');
    expect(localDate(at('2026-12-31T23:30:00Z'), zone)).toBe('2027-01-01');
  });

  it('pushes a wall-clock time in the skipped hour forward, and picks a pass in the repeated one', () => {
    expect(instantAt('2026-03-29', 2.5 * H, zone)).toBe(at('2026-03-29T01:30:00Z'));
    expect(instantAt('2026-10-25', 2.5 * H, zone)).toBe(at('2026-10-25T00:30:00Z'));
    expect(instantAt('2026-10-25', 2.5 * H, zone, { ambiguous: 'later' })).toBe(at('2026-10-25T01:30:00Z'));
  });
});

describe('local time elsewhere', () => {
  it('starts a day at 01:00 where the clock springs forward at midnight (America/Santiago, 2026-09-06)', () => {
    const start = startOfDate('2026-09-06', 'America/Santiago');
    expect(start).toBe(at('2026-09-06T04:00:00Z'));
    expect(localParts(start, 'America/Santiago').hour).toBe(1);
    expect(periodBounds('2026-09-06', 'day', 'America/Santiago').length).toBe(23 * H);
  });

  it('handles a half-hour DST change (Australia/Lord_Howe, 2026-10-04 lasts 23.5 hours)', () => {
    expect(periodBounds('2026-10-04', 'day', 'Australia/Lord_Howe')).toEqual({
      start: at('2026-10-03T13:30:00Z'),
      end: at('2026-10-04T13:00:00Z'),
      length: 23.5 * H,
    });
  });

  it('keeps UTC days 24 hours long', () => {
    expect(periodBounds('2026-03-29', 'day', 'UTC').length).toBe(24 * H);
    expect(wallOffset(at('2026-03-29T08:00:00Z'), 'UTC')).toBe(8 * H);
  });
});

describe('invalid input', () => {
  it('rejects an unknown time zone with a code and a hint', () => {
    expect(() => localParts(0, 'Europe/Amsterdamm')).toThrowError(
      expect.objectContaining({
        code: 'HARTSLAG_ERR_RHYTHM_TIMEZONE_INVALID',
        message: expect.stringContaining('IANA'),
      }),
    );
  });

  it('never falls back to the machine zone when the zone is missing', () => {
    expect(() => localParts(0, undefined as unknown as string)).toThrow(RhythmError);
    expect(() => localParts(0, '')).toThrow(RhythmError);
  });

  it('rejects an instant that is not a number of milliseconds', () => {
    expect(() => localParts(Number.NaN, 'UTC')).toThrowError(
      expect.objectContaining({ code: 'HARTSLAG_ERR_RHYTHM_OPTION_INVALID' }),
    );
  });
});
