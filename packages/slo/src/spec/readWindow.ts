import type { CalendarPeriod } from '../model/Slo.js';
import { type Field, type SpecReader, show } from './SpecReader.js';
import { suggest } from './suggest.js';

/** Rolling windows from a day to a quarter; the burn-rate alert windows (up to 3d) assume about a month. */
export const WINDOW = { min: 86_400, max: 90 * 86_400, wholeDays: true };
const DAY = 86_400;
/** Nominal period lengths: they scale the burn-rate factors as a rolling window of that length would. */
const NOMINAL: Record<CalendarPeriod['unit'], number> = { day: DAY, week: 7 * DAY, month: 30 * DAY, quarter: 90 * DAY };
/** OpenSLO duration shorthand for calendar periods (https://github.com/OpenSLO/OpenSLO#duration-shorthand). */
const SHORTHAND: Record<string, CalendarPeriod['unit']> = { d: 'day', w: 'week', M: 'month', Q: 'quarter' };
const START = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const CALENDAR = { keys: ['startTime', 'timeZone'] };

export interface Window {
  seconds: number;
  calendar?: CalendarPeriod;
}

/** A calendar period from its unit and count, refusing what is not a day to a quarter long. */
export function calendarPeriod(
  r: SpecReader,
  field: Field,
  unit: CalendarPeriod['unit'],
  count: number,
  calendarField: Field,
): Window | undefined {
  const seconds = NOMINAL[unit] * count;
  if (!Number.isInteger(count) || count < 1 || seconds > WINDOW.max) {
    return r.fail(field, `must be a calendar period from 1 day to a quarter (1d, 1w, 1M, 1Q), got ${show(field.node)}`);
  }
  const calendar = readCalendar(r, calendarField);
  return calendar && { seconds, calendar: { unit, count, ...calendar } };
}

/** OpenSLO v1 `duration` of a calendar window: `1w`, `1M`, `1Q`, `7d`. */
export function calendarDuration(r: SpecReader, field: Field, calendarField: Field): Window | undefined {
  const text = r.string(field);
  if (text === undefined) return undefined;
  const m = /^(\d+)([a-zA-Z])$/.exec(text);
  const unit = m && SHORTHAND[m[2]!];
  if (m === null || unit === undefined || unit === null) {
    const hint = m?.[2] === 'm' ? '; did you mean 1M (a month)? 1m is a minute' : '';
    return r.fail(
      field,
      `must be a calendar period: 1d, 1w, 1M or 1Q (or multiples of d and w), got ${show(field.node)}${hint}`,
    );
  }
  return calendarPeriod(r, field, unit, Number(m[1]), calendarField);
}

function readCalendar(r: SpecReader, field: Field): Omit<CalendarPeriod, 'unit' | 'count'> | undefined {
  const entries = r.map(field, CALENDAR);
  if (entries === undefined) return undefined;
  const startField = r.need(entries, 'startTime', field);
  const zoneField = r.need(entries, 'timeZone', field);
  const startText = startField && r.string(startField);
  const m = startText === undefined ? null : START.exec(startText);
  if (startText !== undefined && m === null) {
    r.fail(startField!, `must be a wall-clock time such as 2022-01-01 00:00:00, got ${show(startField!.node)}`);
  }
  const start = m?.slice(1).map(Number) as unknown as CalendarPeriod['start'] | undefined;
  if (start !== undefined && start[2] > 28) {
    // Months differ in length: a period starting on the 31st has no start in February.
    r.fail(startField!, `must start on day 1 to 28 of a month, got day ${start[2]}`);
  }
  const timeZone = zoneField && r.string(zoneField);
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    const meant = suggest(timeZone, Intl.supportedValuesOf('timeZone'));
    r.fail(
      zoneField!,
      `must be an IANA time zone such as Europe/Amsterdam, got ${show(zoneField!.node)}${meant ? `; did you mean ${meant}?` : ''}`,
    );
  }
  if (start === undefined || timeZone === undefined || r.failed) return undefined;
  return { timeZone, start };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
