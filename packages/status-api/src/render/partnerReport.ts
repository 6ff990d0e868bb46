import type { SloMonth } from '@hartslag/slo';
import type { Language } from '../i18n/messages.js';
import { PARTNER_MESSAGES, type PartnerMessages } from '../i18n/partnerMessages.js';
import type { PartnerWeeklyReport } from '../partners/weekFigures.js';
import { html, type SafeHtml, trustedHtml } from './escape.js';
import { fillText } from './format.js';
import { unavailableNote } from './unavailableNote.js';

const CSS =
  'body{font:11pt system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}' +
  'th,td{border-bottom:1px solid #999;padding:.3em .5em;text-align:right}th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}' +
  '@media print{body{margin:0}@page{size:A4 landscape;margin:15mm}}';

const percent = (x: number | undefined, m: PartnerMessages, digits = 3) =>
  x === undefined ? m.report.noCallsCell : `${(x * 100).toFixed(digits)}%`;

function outage(seconds: number, m: PartnerMessages): string {
  if (seconds === 0) return m.report.noOutage;
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${min} min` : `${min} min`;
}

function sloRow(s: SloMonth, m: PartnerMessages): SafeHtml {
  return html`<tr><td>${s.slo}</td><td>${s.service}${s.operation ? ` / ${s.operation}` : ''}</td><td>${percent(s.objective, m)}</td><td>${percent(s.availability, m)}</td><td>${percent(s.budgetUsed, m, 1)}</td><td>${outage(s.longestOutageSeconds, m)}</td><td>${s.incidents}</td><td>${s.calls}</td><td>${s.failedCalls}</td></tr>\n`;
}

function vendorSections(report: PartnerWeeklyReport, m: PartnerMessages): SafeHtml {
  if (report.unavailable.length > 0) {
    return html`<p>${unavailableNote(report.unavailable, m)}</p>`;
  }
  const { codeHead } = m;
  return html`<h2>${m.report.codes}</h2>
${
  report.codes.length === 0
    ? html`<p>${m.report.noCodes}</p>`
    : html`<table><thead><tr><th>${codeHead.code}</th><th>${codeHead.service} / ${codeHead.operation}</th><th>${m.report.head.failedCalls}</th></tr></thead><tbody>
${report.codes.map((c) => html`<tr><td>${c.code === '' ? '–' : c.code}</td><td>${c.service} / ${c.operation}</td><td>${c.calls}</td></tr>\n`)}</tbody></table>`
}
<h2>${m.report.latency}</h2>
${
  report.latency.length === 0
    ? html`<p>${m.report.noLatency}</p>`
    : html`<table><thead><tr><th>${codeHead.operation}</th><th>${codeHead.service}</th><th>p95</th></tr></thead><tbody>
${report.latency.map((l) => html`<tr><td>${l.operation}</td><td>${l.service}</td><td>${Math.round(l.p95Seconds * 1000)} ms</td></tr>\n`)}</tbody></table>`
}`;
}

/**
 * A partner's weekly report as a page in `lang`, the figures of @hartslag/slo's report and the
 * vendor's codes and p95: prints on A4 as it shows; no script, nothing from elsewhere, every name escaped.
 */
export function renderPartnerReportHtml(report: PartnerWeeklyReport, lang: Language): string {
  const m = PARTNER_MESSAGES[lang];
  const title = fillText(m.report.title, { week: report.month, slice: report.slice ?? '' });
  const h = m.report.head;
  const doc = html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>${trustedHtml(CSS)}</style>
</head>
<body>
<h1>${title}</h1>
<p>${fillText(m.report.range, { from: report.from, to: report.to, zone: report.timeZone })} ${m.report.sliced}</p>
<table>
<thead><tr><th>${h.slo}</th><th>${m.head.service}</th><th>${h.objective}</th><th>${h.availability}</th><th>${h.budgetUsed}</th><th>${h.longestOutage}</th><th>${h.incidents}</th><th>${h.calls}</th><th>${h.failedCalls}</th></tr></thead>
<tbody>
${report.slos.map((s) => sloRow(s, m))}</tbody>
</table>
${vendorSections(report, m)}
</body>
</html>
`;
  return `<!doctype html>\n${doc.value}`;
}
