import { RhythmError } from '../errors/RhythmError.js';
import { DAY_MS } from './units.js';

/**
 * Local dates are handled as "epoch days": whole days since 1970-01-01 on the local calendar. Day
 * arithmetic is then integer arithmetic, so "7 local days back" never goes through an instant and
 * never trips over a 23- or 25-hour day.
 */

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' of an epoch day. */
export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch day of a 'YYYY-MM-DD' local date; throws on anything that is not a real calendar date. */
export function dateToDay(date: string): number {
  const m = typeof date === 'string' ? DATE_KEY.exec(date) : null;
  if (m !== null) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Date.UTC rolls 2026-02-30 over to March; the round trip catches it.
    if (Number.isFinite(ms) && dayToDate(ms / DAY_MS) === date) return ms / DAY_MS;
  }
  throw new RhythmError(
    'HARTSLAG_ERR_RHYTHM_DATE_INVALID',
    `"${String(date)}" is not a local date: give a real calendar date as 'YYYY-MM-DD', e.g. '2026-03-29'.`,
  );
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Epoch day of the Monday that starts the ISO week containing `day`. */
export function mondayOfDay(day: number): number {
  return day - weekdayOfDay(day) + 1;
}

/** Adds whole local days to a 'YYYY-MM-DD' date: `addDays('2028-03-01', -1)` is '2028-02-29'. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) {
    throw new RhythmError('HARTSLAG_ERR_RHYTHM_OPTION_INVALID', `days must be a whole number, got ${days}.`);
  }
  return dayToDate(dateToDay(date) + days);
}

/** ISO weekday of a 'YYYY-MM-DD' date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return weekdayOfDay(dateToDay(date));
}

/**
 * ISO 8601 week of a date as 'YYYY-Www'. The week belongs to the year of its Thursday, so
 * 2027-01-01 is '2026-W53' and 2025-12-29 is '2026-W01'.
 */
export function isoWeekOf(date: string): string {
  return isoWeekOfDay(dateToDay(date));
}

export function isoWeekOfDay(day: number): string {
  const thursday = mondayOfDay(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = fieldsToUtc(year, 1, 1, 0, 0, 0) / DAY_MS;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** Date.UTC without its 0–99 → 1900–1999 year mapping. */
export function fieldsToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}
