import {
  ALERTS,
  CURRENT_BURN_WINDOW,
  PROMETHEUS_SERIES,
  SLO_GROUP_FAMILIES,
  SLO_SERIES,
} from '@hartslag/metrics/contract';
import { figuresKey, type SourceReading, type StatusSource } from '../state/State.js';
import { figuresBySlo, groupOf } from './figures.js';
import { InstantQuery, type VectorSample } from './InstantQuery.js';

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

/**
 * The same figures per group of a grouped SLO (the rules record them with the group's label):
 * by every label a group can have, keeping only samples that carry one.
 */
const BY_GROUP = `slo, ${Object.keys(SLO_GROUP_FAMILIES).join(', ')}`;
const GROUP_QUERIES = {
  budget: `min by (${BY_GROUP}) (${SLO_SERIES.budgetRemaining})`,
  ratio5m: `max by (${BY_GROUP}) (${SLO_SERIES.errorRatio(CURRENT_BURN_WINDOW)})`,
  judgeable: `min by (${BY_GROUP}) (${SLO_SERIES.judgeable})`,
  alerts: `count by (${BY_GROUP}, alertname, severity) (${PROMETHEUS_SERIES.alerts}{alertstate="firing",slo!=""})`,
} as const;

type QueryName = keyof typeof QUERIES;

/**
 * Reads SLO figures from Prometheus. Series that vanished (rules stopped, target gone) are absent
 * after Prometheus' 5-minute lookback, so their SLOs drop out of the reading and show `unknown`.
 */
export class PrometheusSource implements StatusSource {
  readonly kind = 'prometheus';
  private readonly timeoutMs: number;
  private readonly prometheus: InstantQuery;

  constructor(options: PrometheusSourceOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.prometheus = new InstantQuery(options);
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
    const grouped = await Promise.all(
      (Object.keys(GROUP_QUERIES) as (keyof typeof GROUP_QUERIES)[]).map(async (name) => {
        const samples = await this.query(GROUP_QUERIES[name], at, signal);
        return [name, samples.filter((s) => groupOf(s.metric) !== undefined)] as const;
      }),
    );
    const key = (s: VectorSample) => figuresKey(s.metric.slo!, groupOf(s.metric));
    for (const [name, samples] of grouped) {
      for (const s of samples) {
        const f = entry(key(s));
        const v = sampleValue(s);
        if (name === 'budget') f.budgetRemaining = v;
        else if (name === 'ratio5m') f.errorRatio5m = v;
        else if (name === 'judgeable' && v !== undefined) f.judgeable = v > 0;
        else if (name === 'alerts')
          f.firing.push({ alertname: s.metric.alertname ?? '', severity: s.metric.severity ?? '' });
      }
    }
    for (const f of slos.values()) {
      f.firing.sort((a, b) => a.alertname.localeCompare(b.alertname) || a.severity.localeCompare(b.severity));
    }
    return { at, slos };
  }

  private async query(promql: string, at: number, signal: AbortSignal): Promise<VectorSample[]> {
    const samples = await this.prometheus.query(promql, at, signal);
    return samples.filter((s) => typeof s.metric?.slo === 'string');
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
