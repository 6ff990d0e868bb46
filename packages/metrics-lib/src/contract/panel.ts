/**
 * The options of the daily-rhythm panel (packages/grafana-panel), as a dashboard stores them:
 * the panel reads them, the generated dashboards set them. Its defaults stay with the panel.
 */

/** The panel plugin's id, as in packages/grafana-panel/src/plugin.json (a test keeps them equal). */
export const RHYTHM_PANEL_ID = 'hartslag-dailyrhythm-panel';

/** Time of day (00:00–24:00) or time of week (Monday 00:00 – Sunday 24:00), in the dashboard's time zone. */
export type RhythmPeriod = 'day' | 'week';

/**
 * Where overlays come from. 'fold': one long query, cut into periods by the panel. 'offsets': one
 * query per overlay with PromQL `offset`. 'auto': offset queries where present, folding for the rest.
 */
export type DataMode = 'auto' | 'fold' | 'offsets';

export type LineStyle = 'dashed' | 'faded' | 'solid';

/** The overlays the options know by name; `weeks-<n>` is "n weeks back". */
export type OverlayId = 'previous-day' | 'last-week' | `weeks-${number}` | 'last-month' | 'last-year' | 'custom';

/** What the legend, tooltip rows and `data-series` attributes call each drawn series. */
export type SeriesId = 'current' | OverlayId | 'median' | 'band';

export interface OverlayOption {
  show: boolean;
  style: LineStyle;
}

export interface WeeksBackOption extends OverlayOption {
  /** How many weeks back, a whole number; 0 turns the overlay off. */
  value: number;
}

export interface CustomShiftOption extends OverlayOption {
  /** A PromQL-style duration such as '3d', '2w' or '12h'; '' turns the overlay off. */
  value: string;
}

export interface BandOption {
  show: boolean;
  /** How many earlier periods make "usual": 4 is the same weekday of the last 4 weeks. */
  periods: number;
  /** Lower and upper quantile of the band, 0 ≤ low < high ≤ 1. */
  low: number;
  high: number;
  /** A Tuesday against earlier Tuesdays (keeps the weekend out of a weekday's band), or against the previous days. */
  match: 'same-weekday' | 'every-day';
}

export interface AnomalyOption {
  show: boolean;
  /** How far outside the band counts as anomalous, as a fraction of the band's width there. */
  margin: number;
  /** A floor for that distance in the series' own unit, so a flat band does not flag a single stray call. */
  minTolerance: number;
}

export interface RhythmOptions {
  period: RhythmPeriod;
  dataMode: DataMode;
  previousDay: OverlayOption;
  lastWeek: OverlayOption;
  weeksBack: WeeksBackOption;
  lastMonth: OverlayOption;
  lastYear: OverlayOption;
  customShift: CustomShiftOption;
  band: BandOption;
  anomalies: AnomalyOption;
  /**
   * For offset queries: which query is which overlay, by refId or series name, e.g.
   * `B=last-week, C=last-month` (one pair per line or comma-separated; `A=current` marks the current
   * query). Series whose query contains `offset 1d`, `offset 1w`/`7d`, `offset 4w` or `offset 52w`
   * map without this.
   */
  offsetMapping: string;
}

/**
 * Every top-level option name, at run time: generated dashboards may set only these. The
 * `satisfies` clause and the check below fail to compile when an option is added or removed above
 * without this list.
 */
export const RHYTHM_OPTION_KEYS = [
  'period',
  'dataMode',
  'previousDay',
  'lastWeek',
  'weeksBack',
  'lastMonth',
  'lastYear',
  'customShift',
  'band',
  'anomalies',
  'offsetMapping',
] as const satisfies readonly (keyof RhythmOptions)[];

type MissingOptionKeys = Exclude<keyof RhythmOptions, (typeof RHYTHM_OPTION_KEYS)[number]>;
const everyOptionListed: [MissingOptionKeys] extends [never] ? true : MissingOptionKeys = true;
void everyOptionListed;
