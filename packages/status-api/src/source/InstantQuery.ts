import { SourceError } from './SourceError.js';

export interface InstantQueryOptions {
  /** Base URL of a Prometheus-compatible HTTP API (Prometheus, Mimir's `/prometheus`, Thanos Query). */
  url: string;
  /** Used in messages only: the caller's signal bounds the time. */
  timeoutMs?: number;
  /** Extra request headers, e.g. `X-Scope-OrgID` for Mimir or an Authorization header. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Longest part of a response body an error message quotes. */
const EXCERPT = 200;

/**
 * One PromQL instant query over the HTTP API
 * (https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries), its answer checked,
 * not trusted: every failure is a SourceError that says what to check.
 */
export class InstantQuery {
  readonly endpoint: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly fetch: typeof fetch;

  constructor(options: InstantQueryOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/api/v1/query`;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.headers = { accept: 'application/json', ...options.headers };
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async query(promql: string, at: number, signal: AbortSignal): Promise<VectorSample[]> {
    const url = `${this.endpoint}?query=${encodeURIComponent(promql)}&time=${at / 1000}`;
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(url, { headers: this.headers, signal });
      text = await res.text();
    } catch (err) {
      if (signal.aborted || (err as Error)?.name === 'TimeoutError') {
        throw new SourceError(
          'HARTSLAG_ERR_SOURCE_TIMEOUT',
          `Prometheus at ${this.endpoint} did not answer within ${this.timeoutMs} ms; check the URL and its load, ` +
            'or raise timeoutMs',
          { cause: err },
        );
      }
      const cause = (err as { cause?: { code?: string } })?.cause?.code ?? (err as Error)?.message ?? String(err);
      throw new SourceError(
        'HARTSLAG_ERR_SOURCE_UNREACHABLE',
        `cannot reach Prometheus at ${this.endpoint} (${cause}); check the URL and that the server is up`,
        { cause: err },
      );
    }
    let body: { status?: string; error?: string; data?: { resultType?: string; result?: unknown } } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!res.ok || body?.status !== 'success') {
      const detail = body?.error ?? excerpt(text);
      throw new SourceError(
        'HARTSLAG_ERR_SOURCE_RESPONSE',
        `Prometheus at ${this.endpoint} answered ${res.status} to ${promql}: ${excerpt(detail)}; ` +
          'check that the URL points at a Prometheus-compatible API',
      );
    }
    if (body.data?.resultType !== 'vector' || !Array.isArray(body.data.result)) {
      throw new SourceError(
        'HARTSLAG_ERR_SOURCE_RESPONSE',
        `Prometheus at ${this.endpoint} answered ${promql} with ${body.data?.resultType ?? 'no'} result, not a vector`,
      );
    }
    return (body.data.result as VectorSample[]).filter(
      (s) => typeof s.metric === 'object' && s.metric !== null && Array.isArray(s.value),
    );
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}
