export { type Anomalies, type AnomalyOptions, type AnomalyRange, detectAnomalies } from './anomaly/detectAnomalies.js';
export { type Band, type BandOptions, baselineBand } from './baseline/baselineBand.js';
export { type PreviousPeriodsOptions, previousPeriods } from './baseline/previousPeriods.js';
export { type BandQuantiles, DEFAULT_QUANTILES, quantile } from './baseline/quantile.js';
export { type CompareOptions, type Comparison, compareWithUsual } from './compare/compareWithUsual.js';
export { RHYTHM_ERROR_CODES, RhythmError, type RhythmErrorCode } from './errors/RhythmError.js';
export { fold } from './fold/fold.js';
export { gridOffsets, gridSize, type ResampleOptions, resample } from './fold/resample.js';
export type { FoldedPeriod, FoldedPoint, FoldOptions, Point } from './fold/types.js';
export { alignShift, shiftBack } from './shift/alignShift.js';
export { type Shift, type ShiftSpec, shiftFor } from './shift/shiftFor.js';
export { addDays, isoWeekOf, weekdayOf } from './time/localDate.js';
export {
  instantAt,
  type LocalParts,
  localDate,
  localParts,
  periodBounds,
  startOfDate,
  startOfLocalDay,
  startOfLocalWeek,
  utcOffset,
  wallOffset,
} from './time/localTime.js';
export { PERIODS, type Period, periodLength } from './time/period.js';
export { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, WEEK_MS } from './time/units.js';
