import { offsetOf } from '../rules/calendar.js';
import type { MonthRange } from './month.js';

const WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;
const DAY = 86_400;

/**
 * An ISO 8601 week (`2026-W49`, Monday to Monday) on the wall clock of a time zone, in the shape
 * of a month range so the monthly report counts it alike: its `month` field holds the week's name.
 * Undefined when `week` is not `YYYY-Www` or the year has no such week.
 */
export function weekRange(week: string, timeZone: string): MonthRange | undefined {
  const m = WEEK.exec(week);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const n = Number(m[2]);
  // ISO 8601: week 1 holds the year's first Thursday, so 4 January is always in it.
  const jan4 = Date.UTC(year, 0, 4) / 1000;
  const weekday = (new Date(jan4 * 1000).getUTCDay() + 6) % 7;
  const monday = jan4 - weekday * DAY + (n - 1) * 7 * DAY;
  // Week 53 exists only in years whose 28 December (always in the last week) lies in it.
  const dec28 = Date.UTC(year, 11, 28) / 1000;
  if (monday > dec28) return undefined;
  return {
    month: week,
    timeZone,
    start: localMidnight(monday, timeZone),
    end: localMidnight(monday + 7 * DAY, timeZone),
  };
}

/** The UTC instant of 00:00 local time on the day that starts at `wall` (UTC midnight of the date). */
function localMidnight(wall: number, timeZone: string): number {
  const offset = offsetOf(timeZone);
  let t = wall - offset(wall);
  t = wall - offset(t);
  return t;
}
