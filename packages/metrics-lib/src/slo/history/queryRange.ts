import { HistoryStoreError } from '../../errors.js';

/** Where and over which seconds a query_range asks. */
export interface SeedRange {
  url: string;
  from: number;
  to: number;
  get: typeof fetch;
}

/** Hands each well-formed point of a query_range answer to `each`, with the series' value of label `by`. */
export async function queryRangeBy(
  promql: string,
  r: SeedRange,
  by: string | undefined,
  each: (group: string, t: number, x: number) => void,
): Promise<void> {
  const u = new URL('/api/v1/query_range', r.url);
  u.search = new URLSearchParams({ query: promql, start: String(r.from), end: String(r.to), step: '60' }).toString();
  let body: unknown;
  try {
    const res = await r.get(u);
    body = await res.json();
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
  } catch (err) {
    throw new HistoryStoreError(
      `cannot seed the SLO history from Prometheus at ${r.url}: ${(err as Error).message}. ` +
        'Check the URL (the Prometheus HTTP API base, e.g. http://prometheus:9090), or start without seeding.',
      { cause: err },
    );
  }
  // The answer crosses a boundary: read it as unknown, keep only well-formed points.
  const result = (body as { data?: { result?: unknown } })?.data?.result;
  if (!Array.isArray(result)) return;
  for (const series of result) {
    const values = (series as { values?: unknown })?.values;
    if (!Array.isArray(values)) continue;
    const group = by === undefined ? '' : (series as { metric?: Record<string, unknown> })?.metric?.[by];
    if (typeof group !== 'string') continue;
    for (const v of values) {
      if (!Array.isArray(v) || typeof v[0] !== 'number') continue;
      const x = Number(v[1]);
      if (Number.isFinite(x) && x >= 0) each(group, v[0], x);
    }
  }
}
