/** Prometheus duration units (https://prometheus.io/docs/prometheus/latest/querying/basics/#time-durations). */
const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Seconds in a Prometheus duration such as "30d", "1h30m", "90s"; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (m === null || text === '') return undefined;
  const [, y, w, d, h, min, s, ms] = m;
  return (
    Number(y ?? 0) * UNITS.y! +
    Number(w ?? 0) * UNITS.w! +
    Number(d ?? 0) * UNITS.d! +
    Number(h ?? 0) * UNITS.h! +
    Number(min ?? 0) * UNITS.m! +
    Number(s ?? 0) +
    Number(ms ?? 0) * UNITS.ms!
  );
}

export { formatDuration } from '@hartslag/metrics/contract';
