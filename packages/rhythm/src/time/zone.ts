import { RhythmError } from '../errors/RhythmError.js';
import { fieldsToUtc } from './localDate.js';
import { DAY_MS, MAX_INSTANT } from './units.js';

/**
 * What Intl knows about a zone, asked as rarely as possible: the UTC offset at the start of each
 * UTC day, and for a day whose start and end offsets differ, the instant of the change (found by
 * bisection to the second — tzdb transitions fall on whole seconds). Everything else is derived
 * from these, so folding 50,000 points costs a few dozen Intl calls, not 50,000.
 *
 * Assumption: a zone changes its offset at most once per UTC day. That holds for every zone in
 * tzdb; a zone that changed twice within one UTC day would be read as not changing at all.
 */
interface ZoneData {
  readonly format: Intl.DateTimeFormat;
  readonly startOffsets: Map<number, number>;
  readonly transitions: Map<number, number>;
}

const zones = new Map<string, ZoneData>();
// About 270 years of days per zone; a long-running page never grows past this.
const MAX_CACHED_DAYS = 100_000;

function zoneData(timeZone: string): ZoneData {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    zone = { format: formatterFor(timeZone), startOffsets: new Map(), transitions: new Map() };
    zones.set(timeZone, zone);
  }
  return zone;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  // An absent zone would silently mean the machine's own zone: the status page server's, not the users'.
  if (typeof timeZone === 'string' && timeZone !== '') {
    try {
      return new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (cause) {
      throw invalidZone(timeZone, cause);
    }
  }
  throw invalidZone(timeZone);
}

function invalidZone(timeZone: unknown, cause?: unknown) {
  return new RhythmError(
    'HARTSLAG_ERR_RHYTHM_TIMEZONE_INVALID',
    `Unknown time zone ${JSON.stringify(timeZone) ?? String(timeZone)}: give an IANA name such as 'Europe/Amsterdam' ` +
      `(Intl.supportedValuesOf('timeZone') lists the ones this runtime knows).`,
    { cause },
  );
}

/** Checks a zone name once, at the edge, so later calls can trust it. */
export function assertTimeZone(timeZone: string): void {
  zoneData(timeZone);
}

/** UTC offset (local minus UTC, ms) at a whole second, straight from Intl. */
function intlOffset(format: Intl.DateTimeFormat, second: number): number {
  const t = second * 1000;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  for (const part of format.formatToParts(t)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        // Some engines still print midnight as 24 with h23.
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        sec = Number(part.value);
        break;
    }
  }
  return fieldsToUtc(year, month, day, hour, minute, sec) - t;
}

function remember(map: Map<number, number>, key: number, value: number) {
  if (map.size >= MAX_CACHED_DAYS) map.clear();
  map.set(key, value);
}

/** Offset at the start of UTC day `utcDay`. */
export function startOffset(timeZone: string, utcDay: number): number {
  const zone = zoneData(timeZone);
  let offset = zone.startOffsets.get(utcDay);
  if (offset === undefined) {
    offset = intlOffset(zone.format, clampSecond(utcDay * 86_400));
    remember(zone.startOffsets, utcDay, offset);
  }
  return offset;
}

/** Instant of the offset change within UTC day `utcDay`, or NaN when the offset does not change. */
export function transitionIn(timeZone: string, utcDay: number): number {
  const before = startOffset(timeZone, utcDay);
  if (before === startOffset(timeZone, utcDay + 1)) return Number.NaN;
  const zone = zoneData(timeZone);
  let at = zone.transitions.get(utcDay);
  if (at === undefined) {
    // Invariant: offset(lo) is the old offset, offset(hi) is not.
    let lo = utcDay * 86_400;
    let hi = lo + 86_400;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (intlOffset(zone.format, mid) === before) lo = mid;
      else hi = mid;
    }
    at = hi * 1000;
    remember(zone.transitions, utcDay, at);
  }
  return at;
}

/** UTC offset of a zone at an instant (local wall clock minus UTC, in ms). */
export function offsetAt(timeZone: string, t: number): number {
  const utcDay = Math.floor(t / DAY_MS);
  const before = startOffset(timeZone, utcDay);
  const change = transitionIn(timeZone, utcDay);
  return Number.isNaN(change) || t < change ? before : startOffset(timeZone, utcDay + 1);
}

function clampSecond(second: number): number {
  const max = MAX_INSTANT / 1000 - 86_400 * 2;
  return Math.min(Math.max(second, -max), max);
}
