import { dayNumber, shiftDate } from '../calendar/dates.js';
import { randomAt } from '../random/mulberry32.js';

/** Where the pharmacy hub's pharmacies are: their day starts and ends by this clock. */
export const PHARMACY_TIME_ZONE = 'Europe/Amsterdam';

/** Calls per second at the busiest minute of a weekday, all pharmacies together. */
export const PHARMACY_PEAK = 40;

/** The seed of the pharmacy day's history: the demo, the status page and the fixtures draw from it. */
export const PHARMACY_SEED = 20_261_124;

/**
 * Calls per second of a pharmacy data hub at a local time of day: quiet nights, pharmacies
 * opening from 07:30 with the peak around 08:00–09:00, a lunch dip, a second peak after lunch,
 * closing from 18:00. Saturdays run at a third of a weekday with only a morning; Sundays are the
 * on-call pharmacies. `weekday` is ISO (1 = Monday … 7 = Sunday).
 */
export function pharmacyRate(localHour: number, weekday: number, peak = PHARMACY_PEAK): number {
  const bump = (centre: number, width: number) => Math.exp(-(((localHour - centre) / width) ** 2));
  const night = 0.03;
  if (weekday === 7) return peak * (night + 0.08 * bump(11, 3));
  const day = 0.95 * bump(8.6, 1.1) + 0.75 * bump(10.8, 1.6) + 0.8 * bump(14.6, 1.6) + 0.5 * bump(17, 1.2);
  const lunchDip = 1 - 0.45 * bump(12.6, 0.6);
  const open = localHour >= 7 && localHour < 19 ? day * lunchDip : day * 0.3;
  const weekdayFactor = weekday === 6 ? (localHour < 13 ? 0.45 : 0.1) : 1;
  return peak * (night + open * weekdayFactor);
}

/**
 * A day's level against the curve, 0.94–1.06 (busier and quieter days, ±6 %), the same for
 * `date` and `seed` on every call.
 */
export function dayLevel(date: string, seed = PHARMACY_SEED): number {
  return 0.94 + 0.12 * randomAt(dayNumber(date), seed ^ 0x5bd1e995);
}

/** The weeks back a "usual day" is made of: the band of the status page and the panel. */
export const USUAL_WEEKS = [1, 2, 3, 4] as const;

/**
 * An ordinary day's level: the mean of the four same weekdays before `date`. A day at this level
 * stays inside the band those four make, so in a story only the scripted incident stands out.
 */
export function usualLevel(date: string, seed = PHARMACY_SEED): number {
  const levels = USUAL_WEEKS.map((weeks) => dayLevel(shiftDate(date, -7 * weeks), seed));
  return levels.reduce((a, b) => a + b, 0) / levels.length;
}

/** The spread of one minute against its day (±1.5 %): minutes jitter, but less than days differ. */
export const MINUTE_JITTER = 0.03;

/** A minute's jitter factor (0.985–1.015) for the minute number `minute` (epoch ms / 60 000). */
export function minuteJitter(minute: number, seed = PHARMACY_SEED): number {
  return 1 + MINUTE_JITTER * (randomAt(minute, seed) - 0.5);
}

/**
 * The level of `date` in a story that starts on `firstDay`: days before it have their own level
 * (the seeded past), the story's days are ordinary ones, so its live traffic continues the past
 * and only what the story scripts (an incident) leaves the usual band.
 */
export function storyLevel(date: string, firstDay: string, seed = PHARMACY_SEED): number {
  return date < firstDay ? dayLevel(date, seed) : usualLevel(date, seed);
}

/** A local moment: date 'YYYY-MM-DD', ISO weekday, fractional wall-clock hour, and the instant (epoch ms). */
export interface LocalMoment {
  date: string;
  weekday: number;
  hour: number;
  instant: number;
}

/**
 * Calls per second of the pharmacy day at a local moment of a story that starts on `firstDay`:
 * the curve, the day's level and the minute's jitter. The seeded past, the live traffic and the
 * fixtures all draw from this.
 */
export function pharmacyStoryRate(
  at: LocalMoment,
  firstDay: string,
  peak = PHARMACY_PEAK,
  seed = PHARMACY_SEED,
): number {
  const level = storyLevel(at.date, firstDay, seed) * minuteJitter(Math.floor(at.instant / 60_000), seed);
  return pharmacyRate(at.hour, at.weekday, peak) * level;
}
