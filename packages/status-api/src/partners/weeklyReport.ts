import { SLO_SERIES } from '@hartslag/metrics/contract';
import { monthlyReport, PrometheusClient, type ReportFormat, renderReport, weekRange } from '@hartslag/slo';
import type { Language } from '../i18n/messages.js';
import { renderPartnerReportHtml } from '../render/partnerReport.js';
import { slosOnRecord } from '../reports/sloCatalogue.js';
import type { InstantQuery } from '../source/InstantQuery.js';
import type { Partner } from './Partner.js';
import { csvColumns, type PartnerWeeklyReport, weekFigures } from './weekFigures.js';

export type { PartnerWeeklyReport } from './weekFigures.js';

const WEEK_SECONDS = 7 * 86_400;

export interface WeeklyReportRequest {
  partner: Partner;
  /** ISO week, `2026-W49`. */
  week: string;
  timeZone: string;
  /** The SLOs of the page's components: the report covers these. */
  slos: readonly string[];
}

/**
 * A partner's week, counted by @hartslag/slo's report over the partner's own calls (its vendor's
 * series, or its tenants'): the SLOs' objectives, services and operations come from the
 * `slo:objective:ratio` series their generated rules record, so no spec file is needed here.
 * Undefined when `week` is not an ISO week.
 */
export async function partnerWeeklyReport(
  request: WeeklyReportRequest,
  prometheus: { url: string; instant: InstantQuery; timeoutMs: number },
): Promise<PartnerWeeklyReport | undefined> {
  const range = weekRange(request.week, request.timeZone);
  if (range === undefined) return undefined;
  const slos = await slosOnRecord(prometheus, request.slos, Math.min(Date.now(), range.end * 1000), WEEK_SECONDS);
  const { partner } = request;
  const slice = partner.tenants === undefined ? { vendor: partner.id } : { tenants: partner.tenants };
  const report = await monthlyReport(
    { file: SLO_SERIES.objective, slos },
    range,
    new PrometheusClient(prometheus.url),
    undefined,
    slice,
  );
  const calls = report.slos.reduce((n, s) => n + s.calls, 0);
  const to = Math.min(Date.now(), range.end * 1000);
  const figures = await weekFigures(partner, range.start * 1000, to, prometheus, calls);
  return { ...report, slice: `${partner.name} (${report.slice})`, ...figures };
}

/**
 * @hartslag/slo's report with the vendor's codes and p95: JSON fields and CSV columns (machine
 * names, the same in every language), or a page in `lang`.
 */
export function renderWeeklyReport(report: PartnerWeeklyReport, format: ReportFormat, lang: Language = 'en'): string {
  if (format === 'html') return renderPartnerReportHtml(report, lang);
  const text = renderReport(report, format);
  return format === 'csv' ? csvColumns(report, text) : text;
}
