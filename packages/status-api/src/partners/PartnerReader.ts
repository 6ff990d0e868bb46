import { BUDGET_BURNING_OUTCOMES, LABELS, METRICS, OUTCOMES, type Outcome } from '@hartslag/metrics/contract';
import type { InstantQuery, VectorSample } from '../source/InstantQuery.js';
import { DEFAULT_OVERUSE_PER_HOUR, type Partner } from './Partner.js';
import type { OutcomeCounts, PartnerView, ServiceFigures, SliceFigures, TenantFigures } from './PartnerView.js';
import { codeRows, latencyRows, TENANT_GROUP_UNAVAILABLE, vendorQueries, vendorUnavailable } from './vendorFigures.js';

const HOUR = '1h';
const RATE = '5m';

/** A PromQL string literal: JSON's escaping is PromQL's (https://prometheus.io/docs/prometheus/latest/querying/basics/#string-literals). */
const str = (value: string) => JSON.stringify(value);
/** RE2 metacharacters in a tenant id match literally. */
const literal = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads one partner's calls from Prometheus. The partner's selector is built from its configured
 * id or tenants, never from the request, and every answer is filtered again by the same labels,
 * so a series of anyone else cannot reach the view even if a query were wrong.
 */
export class PartnerReader {
  constructor(
    private readonly prometheus: InstantQuery,
    private readonly timeoutMs: number,
    private readonly overusePerHour: number = DEFAULT_OVERUSE_PER_HOUR,
  ) {}

  async read(partner: Partner, at: number): Promise<PartnerView> {
    const { metric, matcher, keep, own } = selection(partner);
    const signal = AbortSignal.timeout(this.timeoutMs);
    const q = (promql: string) => this.prometheus.query(promql, at, signal).then((s) => s.filter(own));
    const by = (...labels: string[]) => [...new Set([...labels, keep])].join(', ');
    const isVendor = partner.tenants === undefined;
    const vendor = vendorQueries(matcher, HOUR);
    const none = Promise.resolve([] as VectorSample[]);
    const [serviceHour, serviceRate, tenantHour, tenantRate, codes, latency] = await Promise.all([
      q(`sum by (${by(LABELS.service, LABELS.outcome)}) (increase(${metric}{${matcher}}[${HOUR}]))`),
      q(`sum by (${by(LABELS.service)}) (rate(${metric}{${matcher}}[${RATE}]))`),
      q(`sum by (${by(LABELS.tenant, LABELS.outcome)}) (increase(${METRICS.tenantCalls}{${matcher}}[${HOUR}]))`),
      q(`sum by (${by(LABELS.tenant)}) (rate(${METRICS.tenantCalls}{${matcher}}[${RATE}]))`),
      isVendor ? q(vendor.codes) : none,
      isVendor ? q(vendor.latency) : none,
    ]);
    const services = rows(serviceHour, serviceRate, LABELS.service).map(
      ([service, f]): ServiceFigures => ({ service, ...f }),
    );
    const tenants = rows(tenantHour, tenantRate, LABELS.tenant).map(
      ([tenant, f]): TenantFigures => ({ tenant, ...f, overuse: f.calls > this.overusePerHour }),
    );
    return {
      partner: { kind: partner.kind, id: partner.id, name: partner.name },
      at: new Date(at).toISOString(),
      services,
      tenants,
      denied: tenants.filter((t) => t.lastHour.denied > 0).map((t) => ({ tenant: t.tenant, calls: t.lastHour.denied })),
      overuse: { perHour: this.overusePerHour, tenants: tenants.filter((t) => t.overuse).map((t) => t.tenant) },
      codes: codeRows(codes),
      latency: latencyRows(latency),
      unavailable: isVendor
        ? vendorUnavailable(
            services.reduce((n, f) => n + f.calls, 0),
            latency,
          )
        : TENANT_GROUP_UNAVAILABLE,
    };
  }
}

interface Selection {
  /** The counter a partner's per-service figures come from. */
  metric: string;
  matcher: string;
  /** The label kept in every aggregation, so each answer can be checked against the partner. */
  keep: string;
  own: (s: VectorSample) => boolean;
}

function selection(partner: Partner): Selection {
  if (partner.tenants === undefined) {
    // Vendor series are exact whatever the tenant cap evicted; tenant rows may hold `__other__`.
    return {
      metric: METRICS.vendorCalls,
      matcher: `${LABELS.vendor}=${str(partner.id)}`,
      keep: LABELS.vendor,
      own: (s) => s.metric[LABELS.vendor] === partner.id,
    };
  }
  const tenants = new Set(partner.tenants);
  return {
    metric: METRICS.tenantCalls,
    matcher: `${LABELS.tenant}=~${str(partner.tenants.map(literal).join('|'))}`,
    keep: LABELS.tenant,
    own: (s) => tenants.has(s.metric[LABELS.tenant] ?? ''),
  };
}

function zero(): OutcomeCounts {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
}

function value(s: VectorSample): number {
  const n = Number(s.value[1]);
  return Number.isFinite(n) ? n : 0;
}

/** Rows keyed by `by`, sorted; Prometheus extrapolates increase(), so counts are rounded to whole calls. */
function rows(hour: VectorSample[], rate: VectorSample[], by: string): [string, SliceFigures][] {
  const out = new Map<string, SliceFigures>();
  const row = (key: string) => {
    let f = out.get(key);
    if (f === undefined) {
      f = { callsPerMinute: 0, lastHour: zero(), calls: 0, errorRatio: undefined };
      out.set(key, f);
    }
    return f;
  };
  for (const s of hour) {
    const outcome = s.metric[LABELS.outcome] as Outcome;
    if (!(OUTCOMES as readonly string[]).includes(outcome)) continue;
    row(s.metric[by] ?? '').lastHour[outcome] += value(s);
  }
  for (const s of rate) row(s.metric[by] ?? '').callsPerMinute += value(s) * 60;
  for (const f of out.values()) {
    for (const o of OUTCOMES) f.lastHour[o] = Math.round(f.lastHour[o]);
    f.calls = OUTCOMES.reduce((n, o) => n + f.lastHour[o], 0);
    const failed = BUDGET_BURNING_OUTCOMES.reduce((n, o) => n + f.lastHour[o], 0);
    f.errorRatio = f.calls > 0 ? failed / f.calls : undefined;
    f.callsPerMinute = Math.round(f.callsPerMinute * 100) / 100;
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
