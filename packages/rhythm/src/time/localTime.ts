import { dateToDay, dayToDate, mondayOfDay, weekdayOfDay } from './localDate.js';
import { assertInstant, assertPeriod, type Period, periodLength } from './period.js';
import { DAY_MS } from './units.js';
import { ZoneOffsets } from './ZoneOffsets.js';
import { offsetAt } from './zone.js';

/** An instant as read on a local wall clock. */
export interface LocalParts {
  /** 'YYYY-MM-DD' local date. */
  date: string;
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local minus UTC, in ms: 7200000 for CEST. */
  offset: number;
}

/** UTC offset (local minus UTC, ms) of a zone at an instant: 3600000 for Amsterdam in winter. */
export function utcOffset(t: number, timeZone: string): number {
  assertInstant(t, 't');
  return offsetAt(timeZone, t);
}

export function localParts(t: number, timeZone: string): LocalParts {
  const offset = utcOffset(t, timeZone);
  const wall = new Date(t + offset);
  const day = Math.floor((t + offset) / DAY_MS);
  return {
    date: dayToDate(day),
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    weekday: weekdayOfDay(day),
    offset,
  };
}

/** Local date ('YYYY-MM-DD') of an instant. */
export function localDate(t: number, timeZone: string): string {
  return dayToDate(localDay(t, timeZone));
}

/** Epoch day of the local date of an instant. */
export function localDay(t: number, timeZone: string): number {
  return Math.floor((t + utcOffset(t, timeZone)) / DAY_MS);
}

/**
 * Position of an instant in its period as *wall-clock* time since the period's local midnight:
 * 08:00 is 28800000 on every day, 23-hour and 25-hour days included. Both passes through the
 * repeated hour of a fall-back day give the same position.
 */
export function wallOffset(t: number, timeZone: string, period: Period = 'day'): number {
  assertPeriod(period);
  const wall = t + utcOffset(t, timeZone);
  const day = Math.floor(wall / DAY_MS);
  return wall - (period === 'week' ? mondayOfDay(day) : day) * DAY_MS;
}

/**
 * The instant at which a local date's wall clock reads `wallOffset` ms after midnight. In a repeated
 * hour the earlier pass unless `ambiguous: 'later'`; in a skipped hour the time is pushed forward
 * by the gap (02:30 on 2026-03-29 in Amsterdam is 03:30 CEST), as Temporal does by default.
 */
export function instantAt(
  date: string,
  wallOffset: number,
  timeZone: string,
  options: { ambiguous?: 'earlier' | 'later' } = {},
): number {
  const wall = dateToDay(date) * DAY_MS + wallOffset;
  assertInstant(wall, 'wallOffset');
  return ZoneOffsets.covering(timeZone, wall, wall).instantOf(wall, 'later', Number.NaN, options.ambiguous);
}

/**
 * First instant of a local date. Usually local midnight; where a zone springs forward at midnight
 * (America/Santiago on 2026-09-06) it is the change itself, when the clock jumps to 01:00.
 */
export function startOfDate(date: string, timeZone: string): number {
  return instantAt(date, 0, timeZone);
}

/** First instant of the local day containing `t`. */
export function startOfLocalDay(t: number, timeZone: string): number {
  return startOfDate(localDate(t, timeZone), timeZone);
}

/** First instant of the local ISO week (Monday 00:00) containing `t`. */
export function startOfLocalWeek(t: number, timeZone: string): number {
  return startOfDate(dayToDate(mondayOfDay(localDay(t, timeZone))), timeZone);
}

/**
 * Start and end instants of the period that begins on a local date (a Monday for weeks), and its
 * real length: 82800000 for the spring-forward day, 90000000 for the fall-back day.
 */
export function periodBounds(
  date: string,
  period: Period,
  timeZone: string,
): { start: number; end: number; length: number } {
  assertPeriod(period);
  const startDay = period === 'week' ? mondayOfDay(dateToDay(date)) : dateToDay(date);
  const endDay = startDay + periodLength(period) / DAY_MS;
  const table = ZoneOffsets.covering(timeZone, startDay * DAY_MS, endDay * DAY_MS);
  const start = table.instantOf(startDay * DAY_MS, 'later');
  const end = table.instantOf(endDay * DAY_MS, 'later');
  return { start, end, length: end - start };
}
