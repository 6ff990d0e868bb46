import type { AnomalyRange, Band } from '@hartslag/rhythm';
import type { LineStyle, RhythmPeriod, SeriesId } from '../types.js';

/** One line on the grid: today, an earlier period, or the band's median. */
export interface RhythmSeries {
  id: Exclude<SeriesId, 'band'>;
  label: string;
  kind: 'current' | 'overlay' | 'median';
  style: LineStyle;
  /** One value per grid bucket, null where there is none. */
  values: (number | null)[];
  /** Local start date of the period the values come from ('2026-10-20' for last week's Tuesday). */
  from?: string;
  /** 'fold': cut from the long query; 'query': an offset query's own frame. */
  source?: 'fold' | 'query';
}

export interface RhythmBand {
  label: string;
  low: (number | null)[];
  high: (number | null)[];
  quantiles: Band['quantiles'];
  /** Local start dates of the earlier periods that made it. */
  periods: string[];
}

export interface RhythmAnomalies {
  ranges: AnomalyRange[];
  anomalousMinutes: number;
}

export interface RhythmModelOk {
  status: 'ok';
  period: RhythmPeriod;
  timeZone: string;
  mode: 'fold' | 'offsets';
  /** Grid step in ms. */
  step: number;
  /** Start offset of each grid bucket: the x values. */
  offsets: number[];
  /** Wall-clock length of the period (24 h or 168 h): the x range. */
  length: number;
  /** Local start date of the current period. */
  date: string;
  /** Wall-clock position of "now" in the current period (the period's length when it is over). */
  nowOffset: number;
  current: RhythmSeries;
  /** Overlays with at least one value, in legend order. */
  overlays: RhythmSeries[];
  median: RhythmSeries | null;
  band: RhythmBand | null;
  anomalies: RhythmAnomalies | null;
  /** Things the viewer should know (an overlay without data, an option not understood), one sentence each. */
  notes: string[];
}

export interface RhythmModelNoData {
  status: 'no-data';
  /** Why, and what to do about it. */
  reason: string;
  notes: string[];
}

export type RhythmModel = RhythmModelOk | RhythmModelNoData;
