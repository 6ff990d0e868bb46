import { parseDuration as parsePrometheusDuration } from '@hartslag/common';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, WEEK_MS } from '@hartslag/rhythm';

// PromQL's duration units (https://prometheus.io/docs/prometheus/latest/querying/basics/#float-literals-and-time-durations).
const UNITS: Record<string, number> = {
  ms: 1,
  s: SECOND_MS,
  m: MINUTE_MS,
  h: HOUR_MS,
  d: DAY_MS,
  w: WEEK_MS,
  y: 365 * DAY_MS,
};
/** A PromQL duration such as '1w', '7d', '1w2d' or '90m' in ms; null when it is not one (or is zero). */
export function parseDuration(text: string): number | null {
  const ms = parsePrometheusDuration(text.trim().toLowerCase());
  return ms === undefined || ms <= 0 ? null : ms;
}

/** The largest whole unit that fits: 604800000 → '1w', 93600000 → '26h'. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = UNITS[unit]!;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

const OFFSET = /\boffset\s+((?:\d+(?:ms|[smhdwy]))+)/i;

/** The `offset` of a PromQL query or series name, in ms ('… offset 1w' → 604800000); null if none. */
export function offsetIn(text: string): number | null {
  const m = OFFSET.exec(text);
  return m === null ? null : parseDuration(m[1]!);
}
