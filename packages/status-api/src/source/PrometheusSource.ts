import { ALERTS, CURRENT_BURN_WINDOW, PROMETHEUS_SERIES, SLO_SERIES } from '@hartslag/metrics/contract';
import type { SourceReading, StatusSource } from '../state/State.js';
import { figuresBySlo } from './figures.js';
import { SourceError } from './SourceError.js';

export interface PrometheusSourceOptions {
  /** Base URL of a Prometheus-compatible HTTP API (Prometheus, Mimir's `/prometheus`, Thanos Query). */
  url: string;
  /** For the whole reading, all queries together. Default 5000. */
  timeoutMs?: number;
  /** Extra request headers, e.g. `X-Scope-OrgID` for Mimir or an Authorization header. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/**
 * One instant query per series kind, for all SLOs at once, aggregated by `slo` on the server so
 * that several replicas or tenants of the same rule collapse to the worst value. Series names are
 * those the rules of @hartslag/slo record (the metric contract's SLO_SERIES).
 */
const QUERIES = {
  // A constant recording rule: lists every SLO the rules know, even one without calls.
  known: `max by (slo) (${SLO_SERIES.objective})`,
  budget: `min by (slo) (${SLO_SERIES.budgetRemaining})`,
  ratio5m: `max by (slo) (${SLO_SERIES.errorRatio(CURRENT_BURN_WINDOW)})`,
  outageSeconds: `max by (slo) (${SLO_SERIES.outageSeconds})`,
  outageLimit: `min by (slo) (${SLO_SERIES.outageLimit})`,
  outageActive: `max by (slo) (${SLO_SERIES.outageActive})`,
  // 0 while even 6 hours hold too few calls to judge.
  judgeable: `min by (slo) (${SLO_SERIES.judgeable})`,
  // Recorded for SLOs with a silence check; the page's volume chart needs nothing more.
  traffic: `max by (slo) (${SLO_SERIES.trafficRate})`,
  alerts: `count by (slo, alertname, severity) (${PROMETHEUS_SERIES.alerts}{alertstate="firing",slo!=""})`,
} as const;

type QueryName = keyof typeof QUERIES;

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Longest part of a response body an error message quotes. */
const EXCERPT = 200;

/**
 * Reads SLO figures from Prometheus. Series that vanished (rules stopped, target gone) are absent
 * after Prometheus' 5-minute lookback, so their SLOs drop out of the reading and show `unknown`.
 */
export class PrometheusSource implements StatusSource {
  readonly kind = 'prometheus';
  private readonly endpoint: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly fetch: typeof fetch;

  constructor(options: PrometheusSourceOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/api/v1/query`;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.headers = { accept: 'application/json', ...options.headers };
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async read(): Promise<SourceReading> {
    const at = Date.now();
    const signal = AbortSignal.timeout(this.timeoutMs);
    const names = Object.keys(QUERIES) as QueryName[];
    const results = await Promise.all(names.map((name) => this.query(QUERIES[name], at, signal)));
    const by = Object.fromEntries(names.map((name, i) => [name, results[i]!])) as Record<QueryName, VectorSample[]>;

    const { slos, entry } = figuresBySlo();
    for (const s of by.known) entry(s.metric.slo!);
    for (const s of by.budget) entry(s.metric.slo!).budgetRemaining = sampleValue(s);
    for (const s of by.ratio5m) entry(s.metric.slo!).errorRatio5m = sampleValue(s);
    for (const s of by.judgeable) {
      const judgeable = sampleValue(s);
      if (judgeable !== undefined) entry(s.metric.slo!).judgeable = judgeable > 0;
    }
    for (const s of by.traffic) {
      const rate = sampleValue(s);
      if (rate !== undefined) entry(s.metric.slo!).callRate = rate;
    }
    // The outage figures exist only for SLOs with a maxOutage: the limit series says so.
    for (const s of by.outageLimit) {
      const slo = s.metric.slo!;
      const active = sloValue(by.outageActive, slo) ?? 0;
      const seconds = sloValue(by.outageSeconds, slo) ?? 0;
      entry(slo).outage = { active: active > 0, seconds, limit: sampleValue(s) ?? 0 };
    }
    for (const s of by.alerts) {
      const f = entry(s.metric.slo!);
      f.firing.push({ alertname: s.metric.alertname ?? '', severity: s.metric.severity ?? '' });
      if (s.metric.alertname === ALERTS.silence) f.silent = true;
    }
    for (const f of slos.values()) {
      f.firing.sort((a, b) => a.alertname.localeCompare(b.alertname) || a.severity.localeCompare(b.severity));
    }
    return { at, slos };
  }

  private async query(promql: string, at: number, signal: AbortSignal): Promise<VectorSample[]> {
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
    return (body.data.result as VectorSample[]).filter((s) => typeof s.metric?.slo === 'string');
  }
}

/** Prometheus spells values as strings: "NaN" (0/0, no calls) is no value; "+Inf" is Infinity. */
function sampleValue(s: VectorSample): number | undefined {
  const raw = s.value?.[1];
  if (raw === '+Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  const n = Number(raw);
  return raw === undefined || Number.isNaN(n) ? undefined : n;
}

function sloValue(samples: VectorSample[], slo: string): number | undefined {
  const s = samples.find((x) => x.metric.slo === slo);
  return s === undefined ? undefined : sampleValue(s);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}
