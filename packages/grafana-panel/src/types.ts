import type { RhythmOptions } from '@hartslag/metrics/contract';

/** The option types are part of the metric contract: the generated dashboards set them too. */
export type {
  AnomalyOption,
  BandOption,
  CustomShiftOption,
  DataMode,
  LineStyle,
  OverlayId,
  OverlayOption,
  RhythmOptions,
  RhythmPeriod,
  SeriesId,
  WeeksBackOption,
} from '@hartslag/metrics/contract';

export const DEFAULT_OPTIONS: RhythmOptions = {
  period: 'day',
  dataMode: 'auto',
  previousDay: { show: true, style: 'dashed' },
  lastWeek: { show: true, style: 'dashed' },
  weeksBack: { show: true, style: 'faded', value: 0 },
  lastMonth: { show: true, style: 'faded' },
  lastYear: { show: true, style: 'faded' },
  customShift: { show: true, style: 'dashed', value: '' },
  band: { show: true, periods: 4, low: 0.1, high: 0.9, match: 'same-weekday' },
  anomalies: { show: true, margin: 0.2, minTolerance: 0 },
  offsetMapping: '',
};
