import { offsetOf } from '../rules/calendar.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A calendar month on the wall clock of a time zone, as UTC instants (seconds since the epoch). */
export interface MonthRange {
  /** `2026-11`. */
  month: string;
  timeZone: string;
  /** Midnight of the first day, local time. */
  start: number;
  /** Midnight of the first day of the next month, local time. */
  end: number;
}

/** Undefined when `month` is not `YYYY-MM`. */
export function monthRange(month: string, timeZone: string): MonthRange | undefined {
  const m = MONTH.exec(month);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return {
    month,
    timeZone,
    start: localMidnight(year, index, timeZone),
    end: localMidnight(index === 11 ? year + 1 : year, (index + 1) % 12, timeZone),
  };
}

/** The UTC instant of 00:00 on the first of a month in `timeZone` (daylight saving included). */
function localMidnight(year: number, monthIndex: number, timeZone: string): number {
  const offset = offsetOf(timeZone);
  const wall = Date.UTC(year, monthIndex, 1) / 1000;
  // The offset at the instant depends on the instant: two rounds settle it (no zone changes at midnight twice).
  let t = wall - offset(wall);
  t = wall - offset(t);
  return t;
}
