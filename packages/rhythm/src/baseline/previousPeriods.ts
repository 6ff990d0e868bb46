import { RhythmError } from '../errors/RhythmError.js';
import type { FoldedPeriod } from '../fold/types.js';
import { dateToDay, dayToDate } from '../time/localDate.js';

export interface PreviousPeriodsOptions {
  /** How many periods to look back: 4 means the previous 4 Tuesdays (or days, or weeks). */
  count: number;
  /**
   * For days: 'same-weekday' (default) compares a Tuesday with earlier Tuesdays, which keeps the
   * weekend dip out of a weekday's band; 'every-day' takes the previous `count` days. Weeks always
   * compare with previous weeks.
   */
  match?: 'same-weekday' | 'every-day';
}

/**
 * The `count` calendar periods before `current` (a 'YYYY-MM-DD' key of `folded`), most recent
 * first. Periods without data are left out rather than replaced by older ones: a band "of the
 * last 4 Tuesdays" stays that, and `Band.periods` says which of them had data.
 */
export function previousPeriods(
  folded: ReadonlyMap<string, FoldedPeriod>,
  current: string,
  options: PreviousPeriodsOptions,
): FoldedPeriod[] {
  const { count, match = 'same-weekday' } = options;
  if (!Number.isInteger(count) || count < 0) {
    throw new RhythmError(
      'HARTSLAG_ERR_RHYTHM_OPTION_INVALID',
      `count must be a whole number of periods ≥ 0, got ${String(count)}; 4 compares with the same weekday of the last 4 weeks.`,
    );
  }
  if (match !== 'same-weekday' && match !== 'every-day') {
    throw new RhythmError(
      'HARTSLAG_ERR_RHYTHM_OPTION_INVALID',
      `match must be 'same-weekday' or 'every-day', got ${JSON.stringify(match)}.`,
    );
  }
  const day = dateToDay(current);
  const sample = folded.values().next().value;
  const stride = sample?.period === 'week' || match === 'same-weekday' ? 7 : 1;
  const found: FoldedPeriod[] = [];
  for (let k = 1; k <= count; k++) {
    const p = folded.get(dayToDate(day - k * stride));
    if (p !== undefined) found.push(p);
  }
  return found;
}
