import { DAY_MS, HOUR_MS, MINUTE_MS, weekdayOf } from '@hartslag/rhythm';
import type { RhythmPeriod } from '../types.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A wall-clock offset as the axis shows it: 'HH:mm' in a day, 'ddd HH:mm' in a week (24:00 ends a day). */
export function formatOffset(offset: number, period: RhythmPeriod): string {
  const day = Math.floor(offset / DAY_MS);
  const inDay = offset - day * DAY_MS;
  const hh = String(Math.floor(inDay / HOUR_MS)).padStart(2, '0');
  const mm = String(Math.floor((inDay % HOUR_MS) / MINUTE_MS)).padStart(2, '0');
  if (period === 'day') return day >= 1 ? '24:00' : `${hh}:${mm}`;
  return `${WEEKDAYS[Math.min(day, 6)]} ${day >= 7 ? '24:00' : `${hh}:${mm}`}`;
}

/** A local date as a person reads it: '2026-10-27' → 'Tue 27 Oct'. */
export function formatDate(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${WEEKDAYS[weekdayOf(date) - 1]} ${day} ${MONTHS[month! - 1]}`;
}

/** How much the current value differs from a reference, in % of the reference; null when undefined. */
export function percentDiff(current: number | null, reference: number | null): number | null {
  if (current === null || reference === null || !Number.isFinite(current) || !Number.isFinite(reference)) return null;
  if (reference === 0) return current === 0 ? 0 : null;
  return ((current - reference) / Math.abs(reference)) * 100;
}

/** '+12.5 %', '−3.0 %', '0.0 %'; '–' when there is nothing to compare. */
export function formatPercent(p: number | null): string {
  if (p === null) return '–';
  const rounded = Math.round(p * 10) / 10;
  if (rounded === 0) return '0.0 %';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)} %`;
}

/** Anomalous time as a count of minutes: whole minutes as is, less than a minute to one decimal. */
export function formatMinutes(minutes: number): string {
  if (Number.isInteger(minutes)) return String(minutes);
  return minutes < 10 ? minutes.toFixed(1) : String(Math.round(minutes));
}
