import { LABELS } from '@hartslag/metrics/contract';
import type { MonthlyReport } from '@hartslag/slo';
import { html } from '../render/escape.js';
import type { InstantQuery } from '../source/InstantQuery.js';
import type { Partner } from './Partner.js';
import type { CodeFigures, LatencyFigures, PartnerView } from './PartnerView.js';
import { codeRows, LATENCY_QUANTILE, latencyRows, TENANT_GROUP_UNAVAILABLE, vendorQueries } from './vendorFigures.js';

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
 * and filters as the partner view's hour, for a week. A tenant group gets them as unavailable.
 */
export async function weekFigures(
  partner: Partner,
  from: number,
  to: number,
  prometheus: { instant: InstantQuery; timeoutMs: number },
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
  return { codes: codeRows(codes), latency: latencyRows(latency), unavailable: [] };
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

/** The codes and p95 as HTML sections, placed before the report page's end. */
export function htmlSections(report: PartnerWeeklyReport, page: string): string {
  const sections =
    report.unavailable.length > 0
      ? html`<p>Not shown: ${report.unavailable.map((u, i) => html`${i > 0 ? '; ' : ''}${u.figure.replace('_', ' ')} (${u.reason})`)}.</p>`
      : html`<h2>Failed calls by code</h2>
${
  report.codes.length === 0
    ? html`<p>No failed calls this week.</p>`
    : html`<table><thead><tr><th>code</th><th>service / operation</th><th>failed calls</th></tr></thead><tbody>
${report.codes.map((c) => html`<tr><td>${c.code === '' ? '–' : c.code}</td><td>${c.service} / ${c.operation}</td><td>${c.calls}</td></tr>\n`)}</tbody></table>`
}
<h2>Latency (p95)</h2>
${
  report.latency.length === 0
    ? html`<p>No timed calls this week.</p>`
    : html`<table><thead><tr><th>operation</th><th>service</th><th>p95</th></tr></thead><tbody>
${report.latency.map((l) => html`<tr><td>${l.operation}</td><td>${l.service}</td><td>${Math.round(l.p95Seconds * 1000)} ms</td></tr>\n`)}</tbody></table>`
}`;
  const at = page.lastIndexOf('</body>');
  return at < 0 ? page : `${page.slice(0, at)}${sections.value}\n${page.slice(at)}`;
}
