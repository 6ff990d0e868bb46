import { LABELS, METRICS } from '@hartslag/metrics/contract';
import type { VectorSample } from '../source/InstantQuery.js';
import type { CodeFigures, LatencyFigures, PartnerView } from './PartnerView.js';

/** Codes a view lists, most calls first: a partner looks for the few that matter. */
export const TOP_CODES = 10;
export const LATENCY_QUANTILE = 0.95;

/** Why a tenant group sees no codes or p95: the per-vendor families carry no tenant label. */
export const TENANT_GROUP_UNAVAILABLE: PartnerView['unavailable'] = [
  {
    figure: 'error_codes',
    cause: 'tenant_group',
    reason: `${METRICS.vendorCodes} is counted by vendor, not by tenant; ${METRICS.calls} counts every partner's calls together`,
  },
  {
    figure: 'latency_p95',
    cause: 'tenant_group',
    reason: `${METRICS.vendorCallDuration} is recorded by vendor, not by tenant`,
  },
];

/**
 * Why a vendor with calls sees no codes or p95: every call of a vendor is timed in
 * care_vendor_call_duration_seconds, so calls without any of its series were not recorded per vendor.
 */
export const VENDOR_NOT_RECORDED: PartnerView['unavailable'] = (['error_codes', 'latency_p95'] as const).map(
  (figure) => ({
    figure,
    cause: 'not_recorded',
    reason: `the vendor made calls but has no ${METRICS.vendorCallDuration} series: past the service's vendor cap (VENDOR_BREAKDOWN), or a service on a release without the per-vendor families`,
  }),
);

/** What a vendor's view cannot show: nothing, unless it made calls that no per-vendor series timed. */
export function vendorUnavailable(calls: number, latency: readonly VectorSample[]): PartnerView['unavailable'] {
  return calls > 0 && latency.length === 0 ? VENDOR_NOT_RECORDED : [];
}

/**
 * The PromQL of a vendor's codes and p95 over `window`, per service and operation. `matcher` is
 * the vendor's own (built from configuration, never from the request); `vendor` is kept in every
 * aggregation so each answer can be checked against the partner again.
 */
export function vendorQueries(matcher: string, window: string): { codes: string; latency: string } {
  const { service, operation, code, vendor } = LABELS;
  return {
    codes: `sum by (${vendor}, ${service}, ${operation}, ${code}) (increase(${METRICS.vendorCodes}{${matcher}}[${window}]))`,
    latency: `histogram_quantile(${LATENCY_QUANTILE}, sum by (${vendor}, ${service}, ${operation}, le) (rate(${METRICS.vendorCallDuration}_bucket{${matcher}}[${window}])))`,
  };
}

function value(s: VectorSample): number {
  const n = Number(s.value[1]);
  return Number.isFinite(n) ? n : 0;
}

/** Failed calls by code, whole calls (increase() extrapolates), most first, at most TOP_CODES. */
export function codeRows(samples: readonly VectorSample[]): CodeFigures[] {
  return samples
    .map((s) => ({
      service: s.metric[LABELS.service] ?? '',
      operation: s.metric[LABELS.operation] ?? '',
      code: s.metric[LABELS.code] ?? '',
      calls: Math.round(value(s)),
    }))
    .filter((r) => r.calls > 0)
    .sort((a, b) => b.calls - a.calls || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, TOP_CODES);
}

/** p95 per service and operation; an operation without calls in the window (NaN) is left out. */
export function latencyRows(samples: readonly VectorSample[]): LatencyFigures[] {
  const rows: LatencyFigures[] = [];
  for (const s of samples) {
    const seconds = Number(s.value[1]);
    if (!Number.isFinite(seconds)) continue;
    rows.push({
      service: s.metric[LABELS.service] ?? '',
      operation: s.metric[LABELS.operation] ?? '',
      p95Seconds: Math.round(seconds * 10_000) / 10_000,
    });
  }
  return rows.sort((a, b) => (a.service + a.operation < b.service + b.operation ? -1 : 1));
}
