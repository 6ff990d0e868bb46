import { OUTCOMES } from '@hartslag/metrics/contract';
import type { PartnerView, SliceFigures } from '../partners/PartnerView.js';
import { html, isolateBidi, type SafeHtml, trustedHtml } from './escape.js';
import { PAGE_COLORS as C } from './palette.js';

const CSS =
  `body{margin:2rem;background:${C.background};color:${C.text};font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}` +
  `table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.25rem .6rem;border-bottom:1px solid ${C.border};text-align:right}` +
  'th:first-child,td:first-child{text-align:left}.over{font-weight:700}' +
  `small,.note{color:${C.muted}}`;

const percent = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(2)} %`);

function cells(f: SliceFigures): SafeHtml[] {
  return [
    html`<td>${f.callsPerMinute.toFixed(2)}</td><td>${f.calls}</td>`,
    ...OUTCOMES.filter((o) => o !== 'success').map((o) => html`<td>${f.lastHour[o]}</td>`),
    html`<td>${percent(f.errorRatio)}</td>`,
  ];
}

const HEAD = html`<th>calls/min (5 min)</th><th>calls (1 h)</th>${OUTCOMES.filter((o) => o !== 'success').map(
  (o) => html`<th>${o.replace('_', ' ')}</th>`,
)}<th>platform errors</th>`;

/** A vendor's own failed calls by code and its p95 per operation, over the last hour. */
function vendorSections(view: PartnerView): SafeHtml {
  return html`<h2>Error codes</h2>
${
  view.codes.length === 0
    ? html`<p data-testid="no-codes">No failed calls in the last hour.</p>`
    : html`<table data-testid="codes"><thead><tr><th>code</th><th>service</th><th>operation</th><th>failed calls (1 h)</th></tr></thead><tbody>
${view.codes.map((c) => html`<tr><td><code>${c.code === '' ? '–' : c.code}</code></td><td><bdi>${c.service}</bdi></td><td><bdi>${c.operation}</bdi></td><td>${c.calls}</td></tr>\n`)}</tbody></table>`
}
<h2>Latency (p95, 1 h)</h2>
${
  view.latency.length === 0
    ? html`<p data-testid="no-latency">No timed calls in the last hour.</p>`
    : html`<table data-testid="latency"><thead><tr><th>operation</th><th>service</th><th>p95</th></tr></thead><tbody>
${view.latency.map((l) => html`<tr><td><bdi>${l.operation}</bdi></td><td><bdi>${l.service}</bdi></td><td>${milliseconds(l.p95Seconds)}</td></tr>\n`)}</tbody></table>`
}`;
}

const milliseconds = (seconds: number) => `${Math.round(seconds * 1000)} ms`;

/**
 * A partner's own page: its services and tenants over the last hour, calls refused, overusers.
 * No script, nothing from elsewhere; every name (the partner's, tenants' from the metrics) escaped.
 */
export function renderPartnerPage(view: PartnerView): string {
  const { partner } = view;
  const what = partner.kind === 'vendor' ? 'vendor' : 'tenant group';
  const doc = html`<html lang="en" dir="ltr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="noindex" />
<title>${isolateBidi(partner.name)}: calls in the last hour</title>
<style>${trustedHtml(CSS)}</style>
</head>
<body>
<main>
<h1><bdi>${partner.name}</bdi></h1>
<p><small>${what} <code>${partner.id}</code> · read at <time datetime="${view.at}">${view.at}</time></small></p>
<h2>Services</h2>
${
  view.services.length === 0
    ? html`<p data-testid="no-calls">No calls in the last hour.</p>`
    : html`<table data-testid="services"><thead><tr><th>service</th>${HEAD}</tr></thead><tbody>
${view.services.map((s) => html`<tr><td><bdi>${s.service}</bdi></td>${cells(s)}</tr>\n`)}</tbody></table>`
}
<h2>Pharmacies</h2>
${
  view.tenants.length === 0
    ? html`<p>No calls in the last hour.</p>`
    : html`<table data-testid="tenants"><thead><tr><th>tenant</th>${HEAD}<th>overuse</th></tr></thead><tbody>
${view.tenants.map(
  (t) =>
    html`<tr${t.overuse ? html` class="over"` : ''}><td><bdi>${t.tenant}</bdi></td>${cells(t)}<td>${t.overuse ? 'yes' : ''}</td></tr>\n`,
)}</tbody></table>`
}
<h2>Refused calls</h2>
${
  view.denied.length === 0
    ? html`<p>None in the last hour.</p>`
    : html`<ul data-testid="denied">${view.denied.map((d) => html`<li><bdi>${d.tenant}</bdi>: ${d.calls} refused (no contract or not authorised)</li>`)}</ul>`
}
<h2>Overuse</h2>
<p data-testid="overuse">${
    view.overuse.tenants.length === 0
      ? `No pharmacy made more than ${view.overuse.perHour} calls in the last hour.`
      : html`More than ${view.overuse.perHour} calls in the last hour: ${view.overuse.tenants.map((t, i) => html`${i > 0 ? ', ' : ''}<bdi>${t}</bdi>`)}.`
  }</p>
${view.unavailable.length === 0 ? vendorSections(view) : ''}
${
  view.unavailable.length === 0
    ? ''
    : html`<p class="note" data-testid="unavailable">Not shown: ${view.unavailable.map((u, i) => html`${i > 0 ? '; ' : ''}${u.figure.replace('_', ' ')} (${u.reason})`)}.</p>`
}
</main>
</body>
</html>
`;
  return `<!doctype html>\n${doc.value}`;
}
