import type { Period } from '../time/period.js';

/** One sample: an instant (ms since the epoch) and a value; null, NaN and ±Infinity mean "no value". */
export interface Point {
  t: number;
  v: number | null;
}

/** A value placed in its period by wall-clock position: `offset` ms since the period's local midnight. */
export interface FoldedPoint {
  offset: number;
  value: number;
}

/** One local day or week of a series. */
export interface FoldedPeriod {
  /** Local date the period starts on, 'YYYY-MM-DD' (a Monday for weeks). */
  key: string;
  period: Period;
  /** First instant of the period (local midnight). */
  start: number;
  /** First instant of the next period; `end - start` is 23 or 25 hours across a DST change. */
  end: number;
  /** ISO weekday of `key`: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** ISO week of `key`, 'YYYY-Www'. */
  isoWeek: string;
  /** Sorted by offset. Empty when the period only had null values. */
  points: FoldedPoint[];
}

export interface FoldOptions {
  period: Period;
  /** IANA zone whose local days the periods follow, e.g. 'Europe/Amsterdam'. */
  timeZone: string;
  /**
   * Bucket width in ms (1000 … 86400000). With a step, each period holds one point per non-empty
   * bucket (the mean of its values, at the bucket's start offset); without, every value is kept.
   */
  step?: number;
}
