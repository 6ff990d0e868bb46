import { ReportError } from '../errors.js';

/** One series of a range query: its labels and its [seconds, value] points. */
export interface RangeSeries {
  metric: Record<string, string>;
  points: [number, number][];
}

/** Prometheus refuses range queries of more than 11,000 points a series. */
const MAX_POINTS = 10_000;

/**
 * The HTTP API of a Prometheus server (https://prometheus.io/docs/prometheus/latest/querying/api/):
 * what it answers is checked, not trusted, and a failure names the query and how to fix it.
 */
export class PrometheusClient {
  constructor(private readonly url: string) {}

  /** `query_range` from `start` to `end` (seconds) every `step`, in chunks Prometheus accepts. */
  async queryRange(promql: string, start: number, end: number, step: number): Promise<RangeSeries[]> {
    const bySeries = new Map<string, RangeSeries>();
    for (let from = start; from <= end; from += MAX_POINTS * step) {
      const to = Math.min(end, from + (MAX_POINTS - 1) * step);
      const body = await this.get('query_range', {
        query: promql,
        start: String(from),
        end: String(to),
        step: String(step),
      });
      for (const s of matrix(body, promql)) {
        const key = JSON.stringify(Object.entries(s.metric).sort());
        const known = bySeries.get(key);
        if (known) known.points.push(...s.points);
        else bySeries.set(key, s);
      }
    }
    return [...bySeries.values()];
  }

  private async get(endpoint: string, params: Record<string, string>): Promise<unknown> {
    const url = `${this.url.replace(/\/$/, '')}/api/v1/${endpoint}?${new URLSearchParams(params)}`;
    let res: Response;
    try {
      res = await fetch(url);
    } catch (err) {
      throw new ReportError(
        `cannot reach Prometheus at ${this.url}: ${(err as Error).message}; check --prometheus (e.g. http://localhost:9090)`,
        { cause: err },
      );
    }
    const body: unknown = await res.json().catch(() => undefined);
    const status = (body as { status?: unknown } | undefined)?.status;
    if (!res.ok || status !== 'success') {
      const error = (body as { error?: unknown } | undefined)?.error;
      throw new ReportError(
        `Prometheus at ${this.url} refused ${params.query}: ${typeof error === 'string' ? error : `HTTP ${res.status}`}; check that the SLO's series exist there`,
      );
    }
    return body;
  }
}

function matrix(body: unknown, promql: string): RangeSeries[] {
  const data = (body as { data?: { resultType?: unknown; result?: unknown } }).data;
  if (data?.resultType !== 'matrix' || !Array.isArray(data.result)) {
    throw new ReportError(`Prometheus answered ${promql} with no matrix: is it a Prometheus server?`);
  }
  return data.result.map((r: unknown) => {
    const { metric, values } = r as { metric?: unknown; values?: unknown };
    if (typeof metric !== 'object' || metric === null || !Array.isArray(values)) {
      throw new ReportError(`Prometheus answered ${promql} with a malformed series`);
    }
    const points = values.map((v: unknown): [number, number] => {
      const [t, x] = Array.isArray(v) ? v : [];
      const value = Number(x);
      if (typeof t !== 'number' || typeof x !== 'string' || Number.isNaN(value)) {
        throw new ReportError(`Prometheus answered ${promql} with a malformed point ${JSON.stringify(v)}`);
      }
      return [t, value];
    });
    return { metric: metric as Record<string, string>, points };
  });
}
