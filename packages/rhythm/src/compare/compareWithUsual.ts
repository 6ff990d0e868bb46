import { type Anomalies, type AnomalyOptions, detectAnomalies } from '../anomaly/detectAnomalies.js';
import { type Band, baselineBand } from '../baseline/baselineBand.js';
import { type PreviousPeriodsOptions, previousPeriods } from '../baseline/previousPeriods.js';
import type { BandQuantiles } from '../baseline/quantile.js';
import { fold } from '../fold/fold.js';
import { resample } from '../fold/resample.js';
import type { FoldedPeriod, Point } from '../fold/types.js';
import { dateToDay, dayToDate, mondayOfDay } from '../time/localDate.js';
import { localDate, wallOffset } from '../time/localTime.js';
import { assertInstant, type Period } from '../time/period.js';

export interface CompareOptions extends AnomalyOptions {
  /** The current instant: the current period is the one containing it; later points are ignored. */
  now: number;
  timeZone: string;
  /** Grid step in ms: 300000 for the status page, the data step for the panel. */
  step: number;
  /** Default 'day'. */
  period?: Period;
  /** How many earlier periods make "usual". Default 4. */
  count?: number;
  /** Default 'same-weekday'. */
  match?: PreviousPeriodsOptions['match'];
  quantiles?: BandQuantiles;
  minPeriods?: number;
}

/** The current period set against a usual one. */
export interface Comparison {
  /** Local start date of the current period. */
  date: string;
  /** Wall-clock position of `now` in the current period. */
  nowOffset: number;
  /** The current period on the band's grid; null where there is no data, and after `now`. */
  current: (number | null)[];
  band: Band;
  anomalies: Anomalies;
  /** Every folded period of the input, by local start date. */
  periods: Map<string, FoldedPeriod>;
}

/**
 * The whole pipeline in one call: fold, take the earlier periods, band, resample the current
 * period, find anomalies. What the status page chart and the panel's default view need.
 */
export function compareWithUsual(points: readonly Point[], options: CompareOptions): Comparison {
  const { now, timeZone, step, period = 'day', count = 4, match = 'same-weekday' } = options;
  assertInstant(now, 'now');
  const seen = points.filter((p) => p.t <= now);
  const periods = fold(seen, { period, timeZone, step });
  const today = localDate(now, timeZone);
  const date = period === 'week' ? dayToDate(mondayOfDay(dateToDay(today))) : today;
  const history = previousPeriods(periods, date, { count, match });
  const band = baselineBand(history, { step, period, quantiles: options.quantiles, minPeriods: options.minPeriods });
  const current = resample(periods.get(date)?.points ?? [], { step, period });
  const anomalies = detectAnomalies(current, band, options);
  return { date, nowOffset: wallOffset(now, timeZone, period), current, band, anomalies, periods };
}
