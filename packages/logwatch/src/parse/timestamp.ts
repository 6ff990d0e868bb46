import { DateTime } from 'luxon';
import type { TimestampConfig } from '../config/Config.js';

/**
 * Milliseconds since the epoch of a log time, or undefined when it does not read. Times without an
 * offset are wall-clock times in `zone`; Luxon resolves them through the zone's rules, so a line at
 * 02:30 on the spring-forward night and both 02:30s of the autumn night land on real instants.
 */
export function timestampReader(t: TimestampConfig): (value: unknown) => number | undefined {
  const zone = t.zone;
  switch (t.format) {
    case 'unix':
      return (v) => finite(Number(v) * 1000);
    case 'unix_ms':
      return (v) => finite(Number(v));
    case 'iso':
      return (v) => (typeof v === 'string' ? valid(DateTime.fromISO(v, { zone, setZone: true })) : undefined);
    default:
      return (v) =>
        typeof v === 'string'
          ? valid(DateTime.fromFormat(v, t.format, { zone, setZone: true, locale: 'en-US' }))
          : undefined;
  }
}

function finite(n: number): number | undefined {
  return Number.isFinite(n) && String(n) !== '' ? n : undefined;
}

function valid(d: DateTime): number | undefined {
  return d.isValid ? d.toMillis() : undefined;
}
