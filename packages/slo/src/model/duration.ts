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

/** The shortest Prometheus duration for whole seconds: 2592000 → "30d", 5400 → "1h30m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError(`not a positive duration: ${seconds}`);
  let rest = Math.round(seconds * 1000);
  let out = '';
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
