import {
  addDays,
  alignShift,
  baselineBand,
  DAY_MS,
  detectAnomalies,
  type FoldedPeriod,
  fold,
  gridOffsets,
  localDate,
  type Point,
  periodLength,
  previousPeriods,
  resample,
  startOfLocalWeek,
  wallOffset,
  weekdayOf,
} from '@hartslag/rhythm';
import type { OverlayId, RhythmOptions } from '../types.js';
import { bridgeGaps, normalGap } from './bridgeGaps.js';
import { offsetIn } from './durations.js';
import { formatDate } from './format.js';
import { type FrameLike, type InputSeries, type QueryLike, readSeries } from './frames.js';
import { lookupMapping, parseOffsetMapping, type SeriesTarget } from './offsetMapping.js';
import {
  nominalOffset,
  type OverlayDef,
  overlayForOffset,
  overlayIdForOffset,
  overlayShown,
  overlaysFromOptions,
  parseSeriesTarget,
} from './overlays.js';
import type { RhythmBand, RhythmModel, RhythmModelOk, RhythmSeries } from './RhythmModel.js';
import { resolveOptions } from './resolveOptions.js';
import { gridStep, inferStep } from './step.js';
import { resolveTimeZone } from './timeZone.js';

export interface RhythmInput {
  /** `PanelData.series`. */
  frames: readonly FrameLike[];
  /** The panel's options as stored; missing or invalid fields take their defaults. */
  options: unknown;
  /** Grafana's time zone setting: 'browser', 'utc' or an IANA name. */
  timeZone?: string;
  /** End of the dashboard's time range: the current period is the one containing it. Default: the last data point. */
  now?: number;
  /** `PanelData.request.targets`: offset queries are recognised by their PromQL text too. */
  queries?: readonly QueryLike[];
}

interface Classified {
  series: InputSeries;
  target: SeriesTarget | null;
  offsetMs: number | null;
}

/**
 * Everything the panel draws, in one pass over the data: the current period, the overlays (cut
 * from one long query or taken from offset queries), the baseline band of the previous same
 * periods, and where the current period leaves it. Never throws: data it cannot use gives a
 * no-data model with the reason.
 */
export function buildRhythmModel(input: RhythmInput): RhythmModel {
  const { options, notes } = resolveOptions(input.options);
  try {
    return build(input, options, notes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'no-data', reason: `The panel could not use this data: ${message}`, notes };
  }
}

/** The stages of build(), in order; each adds its notes to the same list. */
function build(input: RhythmInput, options: RhythmOptions, notes: string[]): RhythmModel {
  const zone = resolveTimeZone(input.timeZone);
  if (zone.note !== undefined) notes.push(zone.note);
  const { timeZone } = zone;

  const picked = pickSeries(input, options, notes);
  if ('status' in picked) return picked;
  const now = currentPeriodOf(input, picked, options, timeZone, notes);
  const fromQueries = picked.useQueries
    ? queryOverlays(picked.offsetSeries, now, options, timeZone, notes)
    : { overlays: [], taken: new Set<OverlayId>() };
  const fromFold = overlaysFromFold(now, fromQueries.taken, picked.useFold, options, timeZone, notes);
  const overlays = [...fromQueries.overlays, ...fromFold].sort((a, b) => rank(a.id) - rank(b.id));
  const baseline = baselineOf(now, overlays, options, notes);

  const { period } = options;
  return {
    status: 'ok',
    period,
    timeZone,
    mode: overlays.some((o) => o.source === 'query') ? 'offsets' : 'fold',
    step: now.step,
    offsets: gridOffsets(now.step, period),
    length: now.length,
    date: now.date,
    nowOffset: Math.min(Math.max(now.nowOffset, 0), now.length),
    current: {
      id: 'current',
      label: labelOf(now.date, period),
      kind: 'current',
      style: 'solid',
      values: now.currentValues,
      from: now.date,
      source: 'fold',
    },
    overlays,
    ...baseline,
    notes,
  };
}

/** The series to draw: the current one, and the offset queries when the data mode takes them. */
interface Picked {
  current: Classified;
  offsetSeries: Classified[];
  useQueries: boolean;
  useFold: boolean;
}

/** Which series is the current period and which are offset queries; a no-data model when none is usable. */
function pickSeries(input: RhythmInput, options: RhythmOptions, notes: string[]): Picked | RhythmModel {
  const all = readSeries(input.frames, input.queries);
  if (all.length === 0) {
    return noData(
      input.frames.length === 0 || input.frames.every((f) => (f.fields?.length ?? 0) === 0)
        ? 'No data in this time range. Check the query, or widen the time range (5 weeks gives overlays and a baseline band).'
        : 'No time series: the panel needs a time field and a number field, as a Prometheus range query such as sum(rate(care_calls_total[5m])) returns.',
      notes,
    );
  }
  const withData = all.filter((s) => s.points.length > 0);
  if (withData.length === 0) {
    return noData('No data points in this time range: every value is empty (null).', notes);
  }

  const { mapping, notes: mappingNotes } = parseOffsetMapping(options.offsetMapping);
  notes.push(...mappingNotes);
  const classified = withData.map((s) => classify(s, mapping, options));
  const current = classified.find((c) => c.target === 'current') ?? classified.find((c) => c.target === null);
  if (current === undefined) {
    return noData(
      'Every query has an offset, so there is no current period to compare: add the query without offset ' +
        '(or mark one as current in Offset mapping, e.g. A=current).',
      notes,
    );
  }
  const plain = classified.filter((c) => c !== current && (c.target === null || c.target === 'current'));
  if (plain.length > 0) {
    notes.push(
      `${plain.length} more series not drawn: the panel compares one series with its past. ` +
        'Aggregate them in the query, e.g. sum(rate(care_calls_total[5m])).',
    );
  }
  const offsetSeries = classified.filter((c) => c.target !== null && c.target !== 'current');
  if (options.dataMode === 'fold' && offsetSeries.length > 0) {
    notes.push(
      `${offsetSeries.length} offset ${plural(offsetSeries.length, 'query', 'queries')} ignored: Data mode is "fold".`,
    );
  }
  return {
    current,
    offsetSeries,
    useQueries: options.dataMode !== 'fold' && offsetSeries.length > 0,
    useFold: options.dataMode !== 'offsets',
  };
}

/** The current series folded into periods, and the period shown: the one containing `now`, or the latest with data. */
interface CurrentPeriod {
  step: number;
  length: number;
  points: Point[];
  folded: Map<string, FoldedPeriod>;
  date: string;
  nowOffset: number;
  currentPeriod: FoldedPeriod | undefined;
  currentValues: (number | null)[];
}

function currentPeriodOf(
  input: RhythmInput,
  { current, offsetSeries }: Picked,
  options: RhythmOptions,
  timeZone: string,
  notes: string[],
): CurrentPeriod {
  const { period } = options;
  const ownStep = inferStep(current.series.points);
  const step = gridStep(ownStep ?? firstStep(offsetSeries), period);
  const length = periodLength(period);
  const { points } = current.series;
  const folded = fold(points, { period, timeZone, step });

  const last = lastTime(current.series);
  const now = input.now !== undefined && Number.isFinite(input.now) ? input.now : last;
  let date = periodKey(now, period, timeZone);
  let nowOffset = wallOffset(now, timeZone, period);
  if ((folded.get(date)?.points.length ?? 0) === 0) {
    const latest = [...folded.values()].reverse().find((p) => p.points.length > 0);
    if (latest !== undefined) {
      notes.push(`No data yet for ${labelOf(date, period)}: showing ${labelOf(latest.key, period)}.`);
      date = latest.key;
      nowOffset = date < periodKey(now, period, timeZone) ? length : wallOffset(last, timeZone, period);
    }
  }
  const currentPeriod = folded.get(date);
  const currentValues = bridgeGaps(grid(currentPeriod, step, period), normalGap(ownStep, step));
  return { step, length, points, folded, date, nowOffset, currentPeriod, currentValues };
}

/**
 * Overlays from offset queries, one per overlay id (the first query mapped to it). `taken` holds
 * every id a query was mapped to, with data or not: the long query does not stand in for those.
 */
function queryOverlays(
  offsetSeries: readonly Classified[],
  now: CurrentPeriod,
  options: RhythmOptions,
  timeZone: string,
  notes: string[],
): { overlays: RhythmSeries[]; taken: Set<OverlayId> } {
  const { period } = options;
  const overlays: RhythmSeries[] = [];
  const taken = new Set<OverlayId>();
  for (const c of offsetSeries) {
    const id = c.target as OverlayId;
    if (!overlayShown(id, options) || c.offsetMs === null) continue;
    if (taken.has(id)) {
      notes.push(`Two queries map to ${id}: drawing the first (refId ${refOf(offsetSeries, id)}).`);
      continue;
    }
    taken.add(id);
    const def = overlayForOffset(id, c.offsetMs, options);
    const values = fromQuery(c, def, now.date, now.currentPeriod, now.step, period, timeZone);
    if (values.some((v) => v !== null)) {
      overlays.push({ id, label: def.label, kind: 'overlay', style: def.style, values, source: 'query' });
    } else {
      notes.push(`${def.label}: the query ${c.series.refId} has no data for ${labelOf(now.date, period)}.`);
    }
  }
  return { overlays, taken };
}

/** The overlays the options ask for that no offset query was mapped to, cut from the long query. */
function overlaysFromFold(
  now: CurrentPeriod,
  taken: ReadonlySet<OverlayId>,
  useFold: boolean,
  options: RhythmOptions,
  timeZone: string,
  notes: string[],
): RhythmSeries[] {
  const { overlays: defs, notes: overlayNotes } = overlaysFromOptions(options);
  notes.push(...overlayNotes);
  if (!useFold) return [];
  const { period } = options;
  const overlays: RhythmSeries[] = [];
  for (const def of defs) {
    if (taken.has(def.id)) continue;
    const { values, from } = fromFold(
      def,
      now.folded,
      now.points,
      now.date,
      now.currentPeriod,
      now.step,
      period,
      timeZone,
    );
    if (values.some((v) => v !== null)) {
      overlays.push({ id: def.id, label: def.label, kind: 'overlay', style: def.style, values, from, source: 'fold' });
    } else {
      notes.push(
        `${def.label}: no data${from === undefined ? '' : ` for ${labelOf(from, period)} ${from.slice(0, 4)}`} in this time range. ` +
          `Widen the time range, or add a query with offset ${offsetText(def)}.`,
      );
    }
  }
  return overlays;
}

/** The baseline band and median of earlier periods, and where the current period leaves the band. */
function baselineOf(
  now: CurrentPeriod,
  overlays: readonly RhythmSeries[],
  options: RhythmOptions,
  notes: string[],
): Pick<RhythmModelOk, 'band' | 'median' | 'anomalies'> {
  const none = { band: null, median: null, anomalies: null };
  if (!options.band.show && !options.anomalies.show) return none;
  const { period } = options;
  const { date, step } = now;
  const history = bandHistory(now.folded, date, options, overlays, step);
  if (history.length === 0) {
    notes.push(
      `No baseline band: no earlier ${period === 'week' ? 'weeks' : options.band.match === 'same-weekday' ? `${weekdayName(date)}s` : 'days'} ` +
        `in this time range. Widen it to ${options.band.periods + 1} ${period === 'day' && options.band.match === 'every-day' ? 'days' : 'weeks'}.`,
    );
    return none;
  }
  const { low, high } = options.band;
  const b = baselineBand(history, { step, period, quantiles: { low, high } });
  const band: RhythmBand | null = options.band.show
    ? {
        label: `${quantileLabel(low)}–${quantileLabel(high)} band`,
        low: b.low,
        high: b.high,
        quantiles: b.quantiles,
        periods: b.periods,
      }
    : null;
  const median: RhythmSeries | null = options.band.show
    ? { id: 'median', label: 'Median', kind: 'median', style: 'solid', values: b.median }
    : null;
  const shown = { band, median };
  if (!options.anomalies.show) return { ...shown, anomalies: null };
  const found = detectAnomalies(now.currentValues, b, {
    margin: options.anomalies.margin,
    minTolerance: options.anomalies.minTolerance,
  });
  return { ...shown, anomalies: { ranges: found.ranges, anomalousMinutes: found.anomalousMinutes } };
}

function classify(
  series: InputSeries,
  mapping: ReturnType<typeof parseOffsetMapping>['mapping'],
  options: RhythmOptions,
): Classified {
  let offset: number | null = null;
  for (const text of [series.refId, ...series.names]) {
    offset = offsetIn(text);
    if (offset !== null) break;
  }
  const explicit = lookupMapping(mapping, series.refId, series.names) ?? idFromRefId(series.refId);
  if (explicit === 'current') return { series, target: 'current', offsetMs: null };
  if (explicit !== undefined) {
    return { series, target: explicit, offsetMs: offset ?? nominalOffset(explicit, options) };
  }
  if (offset !== null) return { series, target: overlayIdForOffset(offset), offsetMs: offset };
  return { series, target: null, offsetMs: null };
}

/** A refId that is itself an overlay id ('last-week') names its overlay; plain letters do not. */
function idFromRefId(refId: string): SeriesTarget | undefined {
  if (!/^[a-z]+(-[a-z0-9]+)+$|^current$/i.test(refId)) return undefined;
  return parseSeriesTarget(refId) ?? undefined;
}

/**
 * An offset query's values on the current period's grid. PromQL `offset` keeps the evaluation
 * times, so the frame already lies in the current range, but `offset 1w` is 168 hours: across a DST
 * change that is 167 or 169 hours of wall clock. Re-timestamping from the instants the values were
 * measured at, by local dates, puts last week's 08:00 at 08:00.
 */
function fromQuery(
  c: Classified,
  def: OverlayDef,
  date: string,
  currentPeriod: FoldedPeriod | undefined,
  step: number,
  period: RhythmOptions['period'],
  timeZone: string,
): (number | null)[] {
  const { points } = c.series;
  const offsetMs = c.offsetMs!;
  let aligned: Point[];
  const start = currentPeriod?.start ?? Number.NEGATIVE_INFINITY;
  if (lastTime(c.series) < start - offsetMs / 2) {
    // Timestamps of the earlier period itself (a query over a shifted range): move them forward.
    aligned = alignShift(points, def.shift, timeZone);
  } else if (def.shift.kind === 'calendar') {
    aligned = alignShift(
      points.map((p) => ({ t: p.t - offsetMs, v: p.v })),
      def.shift,
      timeZone,
    );
  } else {
    aligned = points;
  }
  const folded = fold(aligned, { period, timeZone, step });
  return bridgeGaps(grid(folded.get(date), step, period), normalGap(inferStep(c.series.points), step));
}

/** An overlay cut from the long query: the period `days` local dates back, or the series shifted when that is not a whole period. */
function fromFold(
  def: OverlayDef,
  folded: Map<string, FoldedPeriod>,
  points: Point[],
  date: string,
  currentPeriod: FoldedPeriod | undefined,
  step: number,
  period: RhythmOptions['period'],
  timeZone: string,
): { values: (number | null)[]; from?: string } {
  const { shift } = def;
  if (shift.kind === 'calendar' && (period === 'day' || shift.days % 7 === 0)) {
    const from = addDays(date, -shift.days);
    return { values: grid(folded.get(from), step, period), from };
  }
  if (currentPeriod === undefined) return { values: grid(undefined, step, period) };
  const back = shift.kind === 'calendar' ? shift.days * DAY_MS : shift.ms;
  // Only the stretch that can land in the current period, with a day to spare for DST.
  const lo = currentPeriod.start - back - DAY_MS;
  const hi = currentPeriod.end - back + DAY_MS;
  const window = points.filter((p) => p.t >= lo && p.t < hi);
  const moved = fold(alignShift(window, shift, timeZone), { period, timeZone, step });
  return { values: grid(moved.get(date), step, period) };
}

/**
 * The earlier periods the band is made of: the previous same weekdays (or days, or weeks) of the
 * long query; failing that, offset queries at whole weeks back (last week … 4 weeks back), which are
 * the same weekdays too.
 */
function bandHistory(
  folded: Map<string, FoldedPeriod>,
  date: string,
  options: RhythmOptions,
  overlays: readonly RhythmSeries[],
  step: number,
): FoldedPeriod[] {
  const { period } = options;
  const { periods: count, match } = options.band;
  const history = previousPeriods(folded, date, { count, match }).filter((p) => p.points.length > 0);
  if (history.length > 0) return history;
  const stride = period === 'week' || match === 'same-weekday' ? 7 : 1;
  const out: FoldedPeriod[] = [];
  for (const o of overlays) {
    if (o.source !== 'query') continue;
    const days = daysBack(o.id, options);
    if (days === null || days % stride !== 0 || days / stride > count) continue;
    const gridPoints = [];
    for (let i = 0; i < o.values.length; i++) {
      const v = o.values[i];
      if (v !== null && v !== undefined) gridPoints.push({ offset: i * step, value: v });
    }
    const key = addDays(date, -days);
    out.push({ key, period, start: Number.NaN, end: Number.NaN, weekday: 0, isoWeek: '', points: gridPoints });
  }
  return out;
}

function daysBack(id: RhythmSeries['id'], options: RhythmOptions): number | null {
  if (id === 'current' || id === 'median') return null;
  const ms = nominalOffset(id, options);
  return ms !== null && ms % DAY_MS === 0 ? ms / DAY_MS : null;
}

function grid(p: FoldedPeriod | undefined, step: number, period: RhythmOptions['period']): (number | null)[] {
  return resample(p?.points ?? [], { step, period });
}

function lastTime(series: InputSeries): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const p of series.points) if (p.t > max) max = p.t;
  return max;
}

function firstStep(series: readonly Classified[]): number | null {
  for (const c of series) {
    const s = inferStep(c.series.points);
    if (s !== null) return s;
  }
  return null;
}

function periodKey(t: number, period: RhythmOptions['period'], timeZone: string): string {
  return period === 'week' ? localDate(startOfLocalWeek(t, timeZone), timeZone) : localDate(t, timeZone);
}

function labelOf(date: string, period: RhythmOptions['period']): string {
  return period === 'week' ? `Week of ${formatDate(date)}` : formatDate(date);
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function weekdayName(date: string): string {
  return WEEKDAY_NAMES[weekdayOf(date) - 1]!;
}

function quantileLabel(q: number): string {
  return `p${Math.round(q * 1000) / 10}`;
}

function offsetText(def: OverlayDef): string {
  const { shift } = def;
  if (shift.kind === 'fixed') return `${shift.ms / 1000}s`;
  return shift.days % 7 === 0 ? `${shift.days / 7}w` : `${shift.days}d`;
}

function rank(id: RhythmSeries['id']): number {
  if (id === 'previous-day') return 1;
  if (id === 'last-week') return 2;
  if (id.startsWith('weeks-')) return 3 + Number(id.slice('weeks-'.length)) / 1000;
  if (id === 'last-month') return 4;
  if (id === 'last-year') return 5;
  return 6;
}

function refOf(series: readonly Classified[], id: OverlayId): string {
  return series.find((c) => c.target === id)?.series.refId ?? '?';
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function noData(reason: string, notes: string[]): RhythmModel {
  return { status: 'no-data', reason, notes };
}
