/**
 * Prometheus's duration units (common/model `ParseDuration`,
 * https://prometheus.io/docs/prometheus/latest/querying/basics/#time-durations), largest first,
 * in milliseconds. A year is 365 days there, as here.
 */
export const DURATION_UNITS = [
  ['y', 365 * 86_400_000],
  ['w', 7 * 86_400_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number][0];

// Each unit at most once, largest first: "1m30s", not "90s30s" or "30s1m" (Prometheus refuses those).
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/**
 * Milliseconds of a Prometheus duration such as "30d", "1h30m" or "500ms"; undefined when the text
 * is not one, or is too long to count in whole milliseconds.
 */
export function parseDuration(text: string): number | undefined {
  if (text === '') return undefined;
  const m = DURATION.exec(text);
  if (m === null) return undefined;
  let ms = 0;
  for (let i = 0; i < DURATION_UNITS.length; i++) {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * DURATION_UNITS[i]![1];
  }
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/**
 * The shortest Prometheus spelling of a number of milliseconds, without weeks and years (so
 * windows read as `30d`, as in series names): 90000 → "1m30s", 0 → "0s".
 */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of DURATION_UNITS) {
    if (unit === 'y' || unit === 'w') continue;
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out === '' ? '0s' : out;
}
