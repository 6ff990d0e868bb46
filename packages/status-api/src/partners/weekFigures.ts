import { LABELS } from '@hartslag/metrics/contract';
import type { MonthlyReport } from '@hartslag/slo';
import type { InstantQuery } from '../source/InstantQuery.js';
import type { Partner } from './Partner.js';
import type { CodeFigures, LatencyFigures, PartnerView } from './PartnerView.js';
import {
  codeRows,
  LATENCY_QUANTILE,
  latencyRows,
  TENANT_GROUP_UNAVAILABLE,
  vendorQueries,
  vendorUnavailable,
} from './vendorFigures.js';

/** A partner's weekly report: the SLA figures, and a vendor's own codes and p95 over the week. */
export interface PartnerWeeklyReport extends MonthlyReport {
  /** The vendor's failed calls by code over the week, most first (top ten); empty for a tenant group. */
  codes: CodeFigures[];
  /** The vendor's p95 per operation over the week; empty for a tenant group. */
  latency: LatencyFigures[];
  unavailable: PartnerView['unavailable'];
}

/**
 * A vendor's codes and p95 from `from` to `to` (ms), read at `to` over that span: the same queries
 * and filters as the partner view's hour, for a week. A tenant group gets them as unavailable, and
 * so does a vendor whose `calls` in the week no per-vendor series timed.
 */
export async function weekFigures(
  partner: Partner,
  from: number,
  to: number,
  prometheus: { instant: InstantQuery; timeoutMs: number },
  calls: number,
): Promise<Pick<PartnerWeeklyReport, 'codes' | 'latency' | 'unavailable'>> {
  if (partner.tenants !== undefined) return { codes: [], latency: [], unavailable: TENANT_GROUP_UNAVAILABLE };
  const seconds = Math.max(60, Math.round((to - from) / 1000));
  const q = vendorQueries(`${LABELS.vendor}=${JSON.stringify(partner.id)}`, `${seconds}s`);
  const signal = AbortSignal.timeout(prometheus.timeoutMs);
  const own = (samples: Awaited<ReturnType<InstantQuery['query']>>) =>
    samples.filter((s) => s.metric[LABELS.vendor] === partner.id);
  const [codes, latency] = await Promise.all([
    prometheus.instant.query(q.codes, to, signal).then(own),
    prometheus.instant.query(q.latency, to, signal).then(own),
  ]);
  return { codes: codeRows(codes), latency: latencyRows(latency), unavailable: vendorUnavailable(calls, latency) };
}

/**
 * Two columns added to each SLO row of the CSV: the p95 of its operation and its codes
 * (`code:calls;…`); one table stays one table. The rows are the report's SLOs in order.
 */
export function csvColumns(report: PartnerWeeklyReport, csv: string): string {
  const lines = csv.split('\r\n');
  // A field holding CRLF would shift the lines: then the CSV is left as @hartslag/slo wrote it.
  if (lines.length !== report.slos.length + 2) return csv;
  const mine =
    (s: { service: string; operation?: string | undefined }) => (r: { service: string; operation: string }) =>
      r.service === s.service && (s.operation === undefined || r.operation === s.operation);
  const rows = report.slos.map((s) => {
    const p95 = report.latency.filter(mine(s)).map((l) => l.p95Seconds);
    const codes = report.codes.filter(mine(s)).map((c) => `${c.code}:${c.calls}`);
    return [p95.length === 1 ? String(p95[0]) : '', csvField(codes.join(';'))];
  });
  return [
    `${lines[0]},p${LATENCY_QUANTILE * 100}_seconds,codes`,
    ...rows.map((r, i) => `${lines[i + 1]},${r.join(',')}`),
    '',
  ].join('\r\n');
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
