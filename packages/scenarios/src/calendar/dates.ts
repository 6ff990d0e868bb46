const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a local date 'YYYY-MM-DD': a key that names the day in any time zone. */
export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** The local date `days` after `date` (negative: before). */
export function shiftDate(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}
