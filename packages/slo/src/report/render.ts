import type { MonthlyReport, SloMonth } from './monthlyReport.js';

export const REPORT_FORMATS = ['csv', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const COLUMNS: [string, (s: SloMonth) => string | number | undefined][] = [
  ['slo', (s) => s.slo],
  ['service', (s) => s.service],
  ['operation', (s) => s.operation],
  ['objective', (s) => s.objective],
  ['calls', (s) => s.calls],
  ['failed_calls', (s) => s.failedCalls],
  ['availability', (s) => s.availability],
  ['budget_used', (s) => s.budgetUsed],
  ['longest_outage_seconds', (s) => s.longestOutageSeconds],
  ['incidents', (s) => s.incidents],
  // A grouped SLO's group as label=value (vendor=pharmasoft); empty for an ungrouped SLO.
  ['group', (s) => groupText(s)],
];

function groupText(s: SloMonth): string | undefined {
  return s.group
    ? Object.entries(s.group)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : undefined;
}

export function renderReport(report: MonthlyReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return csv(report);
  return html(report);
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(v: string | number | undefined): string {
  const text = v === undefined ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(report: MonthlyReport): string {
  const rows = [COLUMNS.map(([name]) => name), ...report.slos.map((s) => COLUMNS.map(([, get]) => get(s)))];
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const percent = (x: number | undefined, digits = 3) => (x === undefined ? 'no calls' : `${(x * 100).toFixed(digits)}%`);

function duration(seconds: number): string {
  if (seconds === 0) return 'none';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** A page that prints on A4 as it shows: no scripts, no external resources. */
function html(report: MonthlyReport): string {
  const rows = report.slos
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.slo)}${s.group ? ` (${escapeHtml(groupText(s)!.replace('=', ' '))})` : ''}</td><td>${escapeHtml(s.service)}${s.operation ? ` / ${escapeHtml(s.operation)}` : ''}</td>` +
        `<td>${percent(s.objective)}</td><td>${percent(s.availability)}</td><td>${percent(s.budgetUsed, 1)}</td>` +
        `<td>${duration(s.longestOutageSeconds)}</td><td>${s.incidents}</td><td>${s.calls}</td><td>${s.failedCalls}</td></tr>`,
    )
    .join('\n');
  const title = `Availability ${report.month}${report.slice === undefined ? '' : `, ${report.slice}`}`;
  const sliced =
    report.slice === undefined
      ? ''
      : " Only these calls were counted; their series carry no operation label, so each figure covers the SLO's whole service.";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font: 11pt system-ui, sans-serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #999; padding: 0.3em 0.5em; text-align: right; }
th:nth-child(-n+2), td:nth-child(-n+2) { text-align: left; }
@media print { body { margin: 0; } @page { size: A4 landscape; margin: 15mm; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>From ${escapeHtml(report.from)} to ${escapeHtml(report.to)} (${escapeHtml(report.timeZone)}): calls counted from Prometheus.${escapeHtml(sliced)}</p>
<table>
<thead><tr><th>SLO</th><th>service</th><th>objective</th><th>availability</th><th>budget used</th><th>longest outage</th><th>incidents</th><th>calls</th><th>failed calls</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
