import { DAY_MS, type Shift, shiftFor, WEEK_MS } from '@hartslag/rhythm';
import type { LineStyle, OverlayId, OverlayOption, RhythmOptions, SeriesId } from '../types.js';
import { formatDuration, parseDuration } from './durations.js';

/** An overlay to draw: which earlier period, how it is labelled and styled. */
export interface OverlayDef {
  id: OverlayId;
  label: string;
  style: LineStyle;
  shift: Shift;
}

/** The overlays the options ask for, in legend order, and notes for options that could not be used. */
export function overlaysFromOptions(options: RhythmOptions): { overlays: OverlayDef[]; notes: string[] } {
  const { period } = options;
  const overlays: OverlayDef[] = [];
  const notes: string[] = [];
  // A day-earlier copy of a whole week mostly repeats the week: only offered for days.
  if (period === 'day' && options.previousDay.show) overlays.push(named('previous-day', options));
  if (options.lastWeek.show) overlays.push(named('last-week', options));
  const weeks = options.weeksBack.value;
  if (options.weeksBack.show && weeks >= 1) {
    overlays.push({
      id: `weeks-${weeks}`,
      label: weeksLabel(weeks),
      style: options.weeksBack.style,
      shift: shiftFor({ weeks }),
    });
  }
  if (options.lastMonth.show) overlays.push(named('last-month', options));
  if (options.lastYear.show) overlays.push(named('last-year', options));
  const custom = options.customShift.value.trim();
  if (options.customShift.show && custom !== '') {
    const ms = parseDuration(custom);
    if (ms === null) {
      notes.push(`Custom shift "${custom}" is not a duration: use e.g. 3d, 2w or 12h.`);
    } else {
      overlays.push({
        id: 'custom',
        label: `${formatDuration(ms)} earlier`,
        style: options.customShift.style,
        shift: shiftOf(ms),
      });
    }
  }
  return { overlays: dedupe(overlays), notes };
}

/** The overlay an offset query stands for: its id, label and style come from the options of that id. */
export function overlayForOffset(id: OverlayId, offsetMs: number, options: RhythmOptions): OverlayDef {
  const base = isNamed(id) ? named(id, options) : null;
  return {
    id,
    label:
      base?.label ??
      (id === 'custom' ? `offset ${formatDuration(offsetMs)}` : weeksLabel(Number(id.slice('weeks-'.length)))),
    style: optionOf(id, options).style,
    shift: shiftOf(offsetMs),
  };
}

/** The overlay an offset stands for when nobody said: 1d, 1w, 4w and 52w by name, other whole weeks as weeks-n. */
export function overlayIdForOffset(offsetMs: number): OverlayId {
  if (offsetMs === DAY_MS) return 'previous-day';
  if (offsetMs === WEEK_MS) return 'last-week';
  if (offsetMs === 4 * WEEK_MS) return 'last-month';
  if (offsetMs === 52 * WEEK_MS) return 'last-year';
  if (offsetMs % WEEK_MS === 0) return `weeks-${offsetMs / WEEK_MS}`;
  return 'custom';
}

/** The nominal distance of an overlay, for an offset query mapped by name that does not spell its offset. */
export function nominalOffset(id: OverlayId, options: RhythmOptions): number | null {
  switch (id) {
    case 'previous-day':
      return DAY_MS;
    case 'last-week':
      return WEEK_MS;
    case 'last-month':
      return 4 * WEEK_MS;
    case 'last-year':
      return 52 * WEEK_MS;
    case 'custom':
      return parseDuration(options.customShift.value);
    default:
      return Number(id.slice('weeks-'.length)) * WEEK_MS;
  }
}

/** Reads an overlay id as written in the offset mapping: an id, 'current', or a duration such as '1w'. */
export function parseSeriesTarget(text: string): 'current' | OverlayId | null {
  const s = text.trim().toLowerCase();
  if (s === 'current' || s === 'previous-day' || s === 'last-week' || s === 'last-month' || s === 'last-year') return s;
  if (s === 'custom') return s;
  const weeks = /^weeks-(\d+)$/.exec(s);
  if (weeks !== null && Number(weeks[1]) >= 1) return `weeks-${Number(weeks[1])}`;
  const ms = parseDuration(s.replace(/^offset\s+/, ''));
  return ms === null ? null : overlayIdForOffset(ms);
}

/** Whether the options show the overlay of this id at all (offset queries follow the same switches). */
export function overlayShown(id: OverlayId, options: RhythmOptions): boolean {
  if (id === 'previous-day' && options.period === 'week') return false;
  return optionOf(id, options).show;
}

export function isOverlayId(id: SeriesId): id is OverlayId {
  return id !== 'current' && id !== 'median' && id !== 'band';
}

type NamedId = 'previous-day' | 'last-week' | 'last-month' | 'last-year';

function isNamed(id: OverlayId): id is NamedId {
  return id === 'previous-day' || id === 'last-week' || id === 'last-month' || id === 'last-year';
}

function named(id: NamedId, options: RhythmOptions): OverlayDef {
  const labels: Record<typeof id, string> = {
    'previous-day': 'Previous day',
    'last-week': options.period === 'week' ? 'Previous week' : 'Last week',
    'last-month': 'Last month (4 weeks)',
    'last-year': 'Last year (52 weeks)',
  };
  return { id, label: labels[id], style: optionOf(id, options).style, shift: shiftFor(id) };
}

function optionOf(id: OverlayId, options: RhythmOptions): OverlayOption {
  switch (id) {
    case 'previous-day':
      return options.previousDay;
    case 'last-week':
      return options.lastWeek;
    case 'last-month':
      return options.lastMonth;
    case 'last-year':
      return options.lastYear;
    case 'custom':
      return options.customShift;
    default:
      return options.weeksBack;
  }
}

function weeksLabel(weeks: number): string {
  return weeks === 1 ? '1 week ago' : `${weeks} weeks ago`;
}

/** Whole days move by local dates (DST-correct); anything else is a plain duration. */
function shiftOf(ms: number): Shift {
  return ms % DAY_MS === 0 ? shiftFor({ days: ms / DAY_MS }) : shiftFor({ ms });
}

/** Two overlays at the same distance draw the same line twice: keep one, the named one (4 weeks back is last month). */
function dedupe(overlays: OverlayDef[]): OverlayDef[] {
  const keyOf = (o: OverlayDef) => (o.shift.kind === 'calendar' ? `d${o.shift.days}` : `ms${o.shift.ms}`);
  const owner = new Map<string, OverlayDef>();
  const generic = (o: OverlayDef) => o.id === 'custom' || o.id.startsWith('weeks-');
  for (const o of overlays) {
    const key = keyOf(o);
    const held = owner.get(key);
    if (held === undefined || (generic(held) && !generic(o))) owner.set(key, o);
  }
  return overlays.filter((o) => owner.get(keyOf(o)) === o);
}
