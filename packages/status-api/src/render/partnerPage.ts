import { OUTCOMES } from '@hartslag/metrics/contract';
import type { Language } from '../i18n/messages.js';
import { PARTNER_MESSAGES, type PartnerMessages } from '../i18n/partnerMessages.js';
import type { PartnerView, SliceFigures } from '../partners/PartnerView.js';
import { html, isolateBidi, type SafeHtml, trustedHtml } from './escape.js';
import { fillText } from './format.js';
import { PAGE_COLORS as C } from './palette.js';
import { unavailableNote } from './unavailableNote.js';

const CSS =
  `body{margin:2rem;background:${C.background};color:${C.text};font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}` +
  `table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.25rem .6rem;border-bottom:1px solid ${C.border};text-align:right}` +
  'th:first-child,td:first-child{text-align:left}.over{font-weight:700}' +
  `small,.note{color:${C.muted}}`;

const FAILED = OUTCOMES.filter((o) => o !== 'success');
const percent = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(2)} %`);

function cells(f: SliceFigures): SafeHtml[] {
  return [
    html`<td>${f.callsPerMinute.toFixed(2)}</td><td>${f.calls}</td>`,
    ...FAILED.map((o) => html`<td>${f.lastHour[o]}</td>`),
    html`<td>${percent(f.errorRatio)}</td>`,
  ];
}

function head(m: PartnerMessages): SafeHtml {
  return html`<th>${m.head.perMinute}</th><th>${m.head.calls}</th>${FAILED.map((o) => html`<th>${m.outcomes[o]}</th>`)}<th>${m.head.platformErrors}</th>`;
}

/** A vendor's own failed calls by code and its p95 per operation, over the last hour. */
function vendorSections(view: PartnerView, m: PartnerMessages): SafeHtml {
  return html`<h2>${m.codes}</h2>
${
  view.codes.length === 0
    ? html`<p data-testid="no-codes">${m.noCodes}</p>`
    : html`<table data-testid="codes"><thead><tr><th>${m.codeHead.code}</th><th>${m.codeHead.service}</th><th>${m.codeHead.operation}</th><th>${m.codeHead.failed}</th></tr></thead><tbody>
${view.codes.map((c) => html`<tr><td><code>${c.code === '' ? '–' : c.code}</code></td><td><bdi>${c.service}</bdi></td><td><bdi>${c.operation}</bdi></td><td>${c.calls}</td></tr>\n`)}</tbody></table>`
}
<h2>${m.latency}</h2>
${
  view.latency.length === 0
    ? html`<p data-testid="no-latency">${m.noLatency}</p>`
    : html`<table data-testid="latency"><thead><tr><th>${m.codeHead.operation}</th><th>${m.codeHead.service}</th><th>p95</th></tr></thead><tbody>
${view.latency.map((l) => html`<tr><td><bdi>${l.operation}</bdi></td><td><bdi>${l.service}</bdi></td><td>${Math.round(l.p95Seconds * 1000)} ms</td></tr>\n`)}</tbody></table>`
}`;
}

/**
 * A partner's own page, in `lang`: its services and tenants over the last hour, calls refused,
 * overusers, and for a vendor its codes and p95. No script, nothing from elsewhere; every name
 * (the partner's, tenants' and codes from the metrics) escaped.
 */
export function renderPartnerPage(view: PartnerView, lang: Language = 'en'): string {
  const m = PARTNER_MESSAGES[lang];
  const { partner } = view;
  const n = view.overuse.perHour;
  const doc = html`<html lang="${lang}" dir="ltr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="noindex" />
<title>${fillText(m.pageTitle, { name: isolateBidi(partner.name) })}</title>
<style>${trustedHtml(CSS)}</style>
</head>
<body>
<main>
<h1><bdi>${partner.name}</bdi></h1>
<p><small>${m.kind[partner.kind]} <code>${partner.id}</code> · ${m.readAt} <time datetime="${view.at}">${view.at}</time></small></p>
<h2>${m.services}</h2>
${
  view.services.length === 0
    ? html`<p data-testid="no-calls">${m.noCalls}</p>`
    : html`<table data-testid="services"><thead><tr><th>${m.head.service}</th>${head(m)}</tr></thead><tbody>
${view.services.map((s) => html`<tr><td><bdi>${s.service}</bdi></td>${cells(s)}</tr>\n`)}</tbody></table>`
}
<h2>${m.tenants}</h2>
${
  view.tenants.length === 0
    ? html`<p>${m.noCalls}</p>`
    : html`<table data-testid="tenants"><thead><tr><th>${m.head.tenant}</th>${head(m)}<th>${m.head.overuse}</th></tr></thead><tbody>
${view.tenants.map(
  (t) =>
    html`<tr${t.overuse ? html` class="over"` : ''}><td><bdi>${t.tenant}</bdi></td>${cells(t)}<td>${t.overuse ? m.yes : ''}</td></tr>\n`,
)}</tbody></table>`
}
<h2>${m.refused}</h2>
${
  view.denied.length === 0
    ? html`<p>${m.noneRefused}</p>`
    : html`<ul data-testid="denied">${view.denied.map((d) => html`<li><bdi>${d.tenant}</bdi>: ${fillText(m.refusedLine, { n: d.calls })}</li>`)}</ul>`
}
<h2>${m.overuse}</h2>
<p data-testid="overuse">${
    view.overuse.tenants.length === 0
      ? fillText(m.noOveruse, { n })
      : html`${fillText(m.overusers, { n })} ${view.overuse.tenants.map((t, i) => html`${i > 0 ? ', ' : ''}<bdi>${t}</bdi>`)}.`
  }</p>
${view.unavailable.length === 0 ? vendorSections(view, m) : ''}
${
  view.unavailable.length === 0
    ? ''
    : html`<p class="note" data-testid="unavailable">${unavailableNote(view.unavailable, m)}</p>`
}
</main>
</body>
</html>
`;
  return `<!doctype html>\n${doc.value}`;
}
