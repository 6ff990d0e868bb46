import { RhythmError } from '../errors/RhythmError.js';
import { DAY_MS, WEEK_MS } from './units.js';

export const PERIODS = ['day', 'week'] as const;
/** A day runs from local midnight; a week from local midnight on Monday (ISO 8601). */
export type Period = (typeof PERIODS)[number];

/** Wall-clock length of a period: 24 h or 168 h, whatever the DST changes inside it. */
export function periodLength(period: Period): number {
  return period === 'week' ? WEEK_MS : DAY_MS;
}

export function assertPeriod(period: unknown): asserts period is Period {
  if (!PERIODS.includes(period as Period)) {
    throw new RhythmError(
      'HARTSLAG_ERR_RHYTHM_PERIOD_INVALID',
      `period must be 'day' or 'week', got ${JSON.stringify(period) ?? String(period)}.`,
    );
  }
}

/** Grid steps from one second to one day: finer has no use on a chart, coarser leaves one bucket. */
export function assertStep(step: unknown, field = 'step'): asserts step is number {
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 1000 || step > DAY_MS) {
    throw new RhythmError(
      'HARTSLAG_ERR_RHYTHM_STEP_INVALID',
      `${field} must be a whole number of milliseconds from 1000 (1 s) to 86400000 (1 day), got ${String(step)}; ` +
        `use the data's own resolution, e.g. 60000 for 1-minute points.`,
    );
  }
}

export function assertInstant(t: unknown, field: string): asserts t is number {
  if (typeof t !== 'number' || !Number.isFinite(t) || Math.abs(t) > 8.64e15) {
    throw new RhythmError(
      'HARTSLAG_ERR_RHYTHM_OPTION_INVALID',
      `${field} must be an instant in milliseconds since 1970-01-01T00:00Z (as Date.now() gives), got ${String(t)}.`,
    );
  }
}
