import { DateTime } from 'luxon';
import type { TimestampConfig } from '../config/Config.js';

/**
 * Milliseconds since the epoch of a log time, or undefined when it does not read. Times without an
 * offset are wall-clock times in `zone`; Luxon resolves them through the zone's rules, so a line at
 * 02:30 on the spring-forward night and both 02:30s of the autumn night land on real instants.
 *
 * Luxon costs ≈26 µs a line in an IANA zone (its zone offsets go through Intl), more than all the
 * rest of a line. The common cases take a fast path that gives the same instants: ISO times that
 * carry their offset (Date.parse reads them exactly), and numeric formats (yyyy MM dd HH mm [ss
 * [SSS]] with separators) whose minute Luxon resolves once — zone changes fall on whole minutes.
 */
export function timestampReader(t: TimestampConfig): (value: unknown) => number | undefined {
  const zone = t.zone;
  switch (t.format) {
    case 'unix':
      return (v) => finite(Number(v) * 1000);
    case 'unix_ms':
      return (v) => finite(Number(v));
    case 'iso': {
      const luxon = (v: string) => valid(laterOfTwo(DateTime.fromISO(v, { zone, setZone: true })));
      return (v) => {
        if (typeof v !== 'string') return undefined;
        // Date.parse rolls 30 February over into March; Luxon refuses it, so that is left to Luxon.
        return ISO_WITH_OFFSET.test(v) && dayExists(v) ? finite(Date.parse(v)) : luxon(v);
      };
    }
    default: {
      const luxon = (v: string) =>
        valid(laterOfTwo(DateTime.fromFormat(v, t.format, { zone, setZone: true, locale: 'en-US' })));
      const fast = numericFormat(t.format, zone);
      return (v) => (typeof v !== 'string' ? undefined : (fast?.(v) ?? luxon(v)));
    }
  }
}

/** Full date and time with Z or ±hh:mm; Date.parse reads these exactly (fractions to the ms). */
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)$/;

const TOKENS: Record<string, string> = {
  yyyy: '(\\d{4})',
  MM: '(\\d{2})',
  dd: '(\\d{2})',
  HH: '(\\d{2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{3})',
};

/**
 * A reader for a Luxon format made of fixed-width numeric tokens and separators, or undefined for
 * any other format. It answers undefined for a value it is unsure of (out-of-range fields), and
 * the caller asks Luxon, so both paths agree.
 */
function numericFormat(format: string, zone: string): ((v: string) => number | undefined) | undefined {
  const parts = format.split(/(yyyy|MM|dd|HH|mm|ss|SSS)/);
  const order: string[] = [];
  let source = '^';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i % 2 === 1) {
      if (order.includes(p)) return undefined;
      order.push(p);
      source += TOKENS[p];
    } else {
      // Letters and quotes are Luxon tokens or escapes this path does not read.
      if (/[A-Za-z']/.test(p)) return undefined;
      source += p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  for (const need of ['yyyy', 'MM', 'dd', 'HH', 'mm']) if (!order.includes(need)) return undefined;
  if (order.includes('SSS') && !order.includes('ss')) return undefined;
  const re = new RegExp(`${source}$`);
  const at = Object.fromEntries(order.map((k, i) => [k, i + 1])) as Record<string, number>;
  const minutes = new Map<number, number>();
  return (v) => {
    const m = re.exec(v);
    if (m === null) return undefined;
    const year = Number(m[at.yyyy!]);
    const month = Number(m[at.MM!]);
    const day = Number(m[at.dd!]);
    const hour = Number(m[at.HH!]);
    const minute = Number(m[at.mm!]);
    const second = at.ss === undefined ? 0 : Number(m[at.ss]);
    const ms = at.SSS === undefined ? 0 : Number(m[at.SSS]);
    // Luxon checks the day against the month's length below (fromObject).
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
    const key = (((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute;
    let base = minutes.get(key);
    if (base === undefined) {
      const d = laterOfTwo(DateTime.fromObject({ year, month, day, hour, minute }, { zone }));
      if (!d.isValid) return undefined;
      base = d.toMillis();
      if (minutes.size >= 4096) minutes.clear();
      minutes.set(key, base);
    }
    return base + second * 1000 + ms;
  };
}

/**
 * A wall-clock time that occurs twice (the autumn hour) as its second, standard-time instant.
 * Luxon picks by the offset in force *today*, so without this the same line would land an hour
 * apart depending on the season logwatch runs in.
 */
function laterOfTwo(d: DateTime): DateTime {
  if (!d.isValid) return d;
  const ms = d.toMillis();
  const soon = d.zone.offset(ms + 3 * 3600_000);
  if (soon >= d.offset) return d;
  const other = DateTime.fromMillis(ms + (d.offset - soon) * 60_000, { zone: d.zone });
  const same =
    other.year === d.year &&
    other.month === d.month &&
    other.day === d.day &&
    other.hour === d.hour &&
    other.minute === d.minute &&
    other.second === d.second;
  return same ? other : d;
}

function dayExists(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function finite(n: number): number | undefined {
  return Number.isFinite(n) && String(n) !== '' ? n : undefined;
}

function valid(d: DateTime): number | undefined {
  return d.isValid ? d.toMillis() : undefined;
}
