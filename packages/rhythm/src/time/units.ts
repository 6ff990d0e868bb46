export const SECOND_MS = 1000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** One wall-clock day. A local day on a DST change lasts 23 or 25 hours of real time, never this. */
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** The largest instant a `Date` can hold (ECMA-262 §21.4.1.22, TimeClip). */
export const MAX_INSTANT = 8.64e15;
