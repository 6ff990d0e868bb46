import { LANGUAGES, type Language, MESSAGES } from '../i18n/messages.js';
import { LANGUAGE_NAMES, PAGE_MESSAGES, type PageMessages } from '../i18n/pageMessages.js';
import type { Incident, Maintenance } from '../incidents/model.js';
import type { State } from '../state/State.js';
import { html, isolateBidi, type SafeHtml, safeHttpUrl, trustedHtml } from './escape.js';
import {
  dayKey,
  fillHtml,
  fillText,
  formatCoverage,
  formatDate,
  formatListHtml,
  formatUptime,
  formatWindow,
  isoInstant,
  pickText,
} from './format.js';
import { PAGE_COLORS as C, stateColorCss } from './palette.js';
import {
  type ComponentView,
  type Localized,
  type Note,
  type PageView,
  PUBLIC_PATHS,
  type UptimeFigure,
} from './view.js';

// Inline only: the route sends `default-src 'none'; style-src 'unsafe-inline'`. The page reads
// well without it (one column, headings, lists), so a reader mode or a blocked stylesheet loses nothing.
const CSS =
  `:root{color-scheme:light}body{margin:0;overflow-wrap:break-word;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:${C.text};background:${C.background}}` +
  'header,main,footer{max-width:50rem;margin:0 auto;padding:0 1rem}' +
  'header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding-top:1rem}' +
  'header p{margin:0;font-weight:600}nav ul{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;margin:0;padding:0}' +
  `a{color:${C.link}}a[aria-current]{color:${C.text};font-weight:700;text-decoration:none}` +
  `.skip{position:absolute;left:-999rem}.skip:focus{left:1rem;top:.5rem;background:${C.background};padding:.5rem}` +
  'h1{font-size:1.75rem;margin:1rem 0}' +
  `h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid ${C.border}}` +
  'h3{font-size:1.1rem;margin:1.25rem 0 .25rem}.banner h3{margin-top:0}h4{font-size:1rem;margin:1rem 0 .25rem}' +
  `.banner{margin:1rem 0;padding:.75rem 1rem;background:${C.panel};border:1px solid ${C.border};border-left:.4rem solid var(--c);border-radius:.4rem}` +
  '.banner.overall{font-size:1.2rem}.st{color:var(--c)}' +
  '.dot{display:inline-block;width:.75em;height:.75em;margin-right:.4em;border-radius:50%;background:var(--c)}' +
  `.meta,caption,small,footer{color:${C.muted}}.meta{margin:.25rem 0}.body{white-space:pre-line}` +
  'table{border-collapse:collapse;margin:.5rem 0}caption{text-align:left}th,td{padding:.15rem .75rem .15rem 0;text-align:left;vertical-align:top}' +
  'td{white-space:nowrap}td small{display:block;white-space:normal}.notes{margin:.25rem 0;padding-left:1.25rem}ol{padding-left:1.25rem}li p{margin:.1rem 0 .5rem}.chart svg{max-width:100%;height:auto}' +
  `pre{padding:.5rem;background:${C.panel};border:1px solid ${C.border};white-space:pre-wrap;word-break:break-all}` +
  'footer{margin-top:2rem;padding-bottom:2rem}' +
  stateColorCss();

interface Ctx {
  lang: Language;
  m: PageMessages;
  timeZone: string;
  base: string;
  names: Map<string, string>;
  now: number;
}

/**
 * The public status page: a complete HTML document without any script, readable without its
 * style, for patients whose app said "tijdelijk onbereikbaar". Well-formed as XML as well, so
 * tests parse it strictly.
 */
export function renderPage(view: PageView): string {
  const lang = view.lang;
  const m = PAGE_MESSAGES[lang];
  const ctx: Ctx = {
    lang,
    m,
    timeZone: view.timeZone,
    base: safeHttpUrl(view.baseUrl) ?? '',
    names: new Map(view.components.map((c) => [c.id, c.name])),
    now: view.generatedAt,
  };
  // Without fresh evidence nothing measured is shown as working; declared maintenance stays true.
  const shown = (state: State): State => (view.sourceFresh || state === 'maintenance' ? state : 'unknown');
  const overall = shown(view.overall);
  const pageTitle = fillText(m.statusOf, { name: isolateBidi(view.page.name) });
  const pageUrl = safeHttpUrl(view.page.url);
  const activeIds = new Set(view.activeIncidents.map((i) => i.id));
  // A window that has ended is history, whatever the caller passed.
  const windows = view.maintenance.filter((w) => w.endsAt > view.generatedAt).sort((a, b) => a.startsAt - b.startsAt);
  const feedHref = `${ctx.base}${PUBLIC_PATHS.feed}?lang=${lang}`;
  const statusHref = `${ctx.base}${PUBLIC_PATHS.status}?lang=${lang}`;

  const doc = html`<html lang="${lang}" dir="ltr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${m.overall[overall]} · ${pageTitle}</title>
<link rel="alternate" type="application/atom+xml" title="${m.feedLink}" href="${feedHref}" />
<link rel="alternate" type="application/json" href="${statusHref}" />
${LANGUAGES.map((l) => html`<link rel="alternate" hreflang="${l}" href="${ctx.base}${PUBLIC_PATHS.page}?lang=${l}" />\n`)}<style>${trustedHtml(CSS)}</style>
</head>
<body>
<a class="skip" href="#main">${m.skipToContent}</a>
<header>
<p>${pageUrl ? html`<a href="${pageUrl}">${text(view.page.name, lang)}</a>` : text(view.page.name, lang)}</p>
<nav aria-label="${m.languageNav}"><ul>${LANGUAGES.map((l) => html`<li><a href="?lang=${l}" hreflang="${l}" lang="${l}"${l === lang ? html` aria-current="page"` : ''}>${LANGUAGE_NAMES[l]}</a></li>`)}</ul></nav>
</header>
<main id="main">
<h1>${fillHtml(m.statusOf, { name: text(view.page.name, lang) })}</h1>
${view.sourceFresh ? '' : html`<div class="banner s-unknown"><p><strong>${m.staleTitle}</strong> ${m.staleBody}</p></div>\n`}<p class="banner overall s-${overall}"><span class="dot" aria-hidden="true"></span><strong>${m.overall[overall]}</strong><br /><small>${fillHtml(m.updatedAt, { time: time(view.generatedAt, ctx) })}</small></p>
<section aria-labelledby="h-active">
<h2 id="h-active">${m.activeIncidents}</h2>
${view.activeIncidents.length === 0 ? html`<p>${m.noActiveIncidents}</p>` : view.activeIncidents.map((i) => activeIncident(i, ctx))}
</section>
<section aria-labelledby="h-components">
<h2 id="h-components">${m.components}</h2>
${view.components.map((c) => component(c, shown(c.state), ctx))}
</section>
<section aria-labelledby="h-maintenance">
<h2 id="h-maintenance">${m.maintenance}</h2>
${windows.length === 0 ? html`<p>${m.noMaintenance}</p>` : windows.map((w) => maintenance(w, ctx))}
</section>
<section aria-labelledby="h-history">
<h2 id="h-history">${m.history}</h2>
${history(view.recentIncidents, activeIds, ctx)}
</section>
<section aria-labelledby="h-embed">
<h2 id="h-embed">${m.embed}</h2>
<p>${m.embedIntro}</p>
${view.components.map((c) => embed(c, ctx))}
<h3>${m.follow}</h3>
<ul><li><a href="${feedHref}" type="application/atom+xml">${m.feedLink}</a></li><li><a href="${statusHref}" type="application/json">${m.statusJson}</a></li></ul>
</section>
</main>
<footer>
<p>${fillHtml(m.generatedAt, { time: time(view.generatedAt, ctx) })} · <a href="${feedHref}" type="application/atom+xml">${m.feedLink}</a> · <a href="${statusHref}" type="application/json">${m.statusJson}</a></p>
</footer>
</body>
</html>
`;
  return `<!DOCTYPE html>\n${doc.value}`;
}

/**
 * Untrusted inline text: isolated with `<bdi>` so Arabic or a stray U+202E cannot reorder what
 * surrounds it, marked with its language when it fell back from the page's.
 */
function text(value: Localized, pageLang: Language): SafeHtml {
  const picked = pickText(value, pageLang);
  return picked.lang === pageLang
    ? html`<bdi>${picked.text}</bdi>`
    : html`<bdi lang="${picked.lang}">${picked.text}</bdi>`;
}

/** Untrusted paragraph: direction from its own first strong character, line breaks kept by CSS. */
function paragraph(value: Localized, pageLang: Language): SafeHtml {
  const picked = pickText(value, pageLang);
  if (picked.text === '') return html``;
  return html`<p class="body" dir="auto"${picked.lang === pageLang ? '' : html` lang="${picked.lang}"`}>${picked.text}</p>`;
}

/** `day`: the day a heading above already names; a time on that day shows only hours and minutes. */
function time(ms: number, ctx: Ctx, day?: string): SafeHtml {
  const kind = day !== undefined && dayKey(ms, ctx.timeZone) === day ? 'time' : 'dateTime';
  return html`<time datetime="${isoInstant(ms)}">${formatDate(ms, kind, ctx.lang, ctx.timeZone)}</time>`;
}

/** `since` is left out when the state shown is not the one that changed then (unknown for want of evidence). */
function stateLine(state: State, since: number | undefined, ctx: Ctx): SafeHtml {
  const when = since === undefined ? '' : html` <small>${fillHtml(ctx.m.since, { time: time(since, ctx) })}</small>`;
  return html`<p class="s-${state}"><span class="dot" aria-hidden="true"></span><strong class="st">${MESSAGES[ctx.lang].states[state]}</strong>${when}</p>`;
}

function component(c: ComponentView, state: State, ctx: Ctx): SafeHtml {
  return html`<div id="component-${c.id}">
<h3>${text(c.name, ctx.lang)}</h3>
${c.group === undefined ? '' : html`<p class="group" data-testid="component-group">${text(c.group, ctx.lang)}</p>\n`}${stateLine(state, state === c.state ? c.since : undefined, ctx)}
${c.description ? paragraph(c.description, ctx.lang) : ''}${c.notes.length > 0 ? html`<ul class="notes">${c.notes.map((n) => html`<li>${note(n, ctx)}</li>`)}</ul>\n` : ''}${c.uptime.length > 0 ? uptime(c.uptime, ctx) : ''}${c.chartSvg ? html`<div class="chart">${trustedHtml(c.chartSvg)}</div>\n` : ''}</div>
`;
}

function note(n: Note, ctx: Ctx): SafeHtml {
  switch (n.kind) {
    case 'provider_failing':
      return fillHtml(n.oursWork === false ? ctx.m.notes.provider_failing_only : ctx.m.notes.provider_failing, {
        provider: text(n.provider, ctx.lang),
      });
    case 'on_backup':
      return fillHtml(ctx.m.notes.on_backup, {
        provider: text(n.provider, ctx.lang),
        backup: text(n.backup, ctx.lang),
      });
    case 'stale':
      return fillHtml(ctx.m.notes.stale, {});
    case 'too_few_calls':
      return fillHtml(ctx.m.notes.too_few_calls, {});
    case 'collecting':
      return fillHtml(ctx.m.notes.collecting, {
        coverage: formatCoverage(n.coverage, ctx.lang),
        days: String(n.days),
      });
    case 'maintenance':
      return fillHtml(ctx.m.notes.maintenance, { time: time(n.until, ctx) });
  }
}

function uptime(figures: UptimeFigure[], ctx: Ctx): SafeHtml {
  const cells = figures.map((f) => {
    const value = f.ratio === undefined ? ctx.m.noMeasurements : formatUptime(f.ratio, ctx.lang);
    const hint =
      f.ratio !== undefined && f.coverage < 1
        ? html` <small>(${fillText(ctx.m.coverage, { coverage: formatCoverage(f.coverage, ctx.lang) })})</small>`
        : '';
    return html`<td>${value}${hint}</td>`;
  });
  return html`<table><caption>${ctx.m.uptime}</caption><tr>${figures.map((f) => html`<th scope="col">${formatWindow(f.window, ctx.lang)}</th>`)}</tr><tr>${cells}</tr></table>
`;
}

function affects(ids: string[], ctx: Ctx): SafeHtml | '' {
  if (ids.length === 0) return '';
  const names = ids.map((id) => text(ctx.names.get(id) ?? id, ctx.lang));
  return html` · ${fillHtml(ctx.m.affects, { components: formatListHtml(names, ctx.lang) })}`;
}

function timeline(incident: Incident, ctx: Ctx, day?: string): SafeHtml {
  // Newest first, as Statuspage shows them: the latest word is what a reader came for.
  const updates = [...incident.updates].sort((a, b) => b.at - a.at || b.id - a.id);
  return html`<ol class="timeline">${updates.map((u) => html`<li><strong>${ctx.m.incidentStatus[u.status]}</strong> <small>${time(u.at, ctx, day)}</small>${paragraph(u.body, ctx.lang)}</li>`)}</ol>`;
}

function incidentMeta(incident: Incident, ctx: Ctx, day?: string): SafeHtml {
  const m = ctx.m;
  const when =
    incident.resolvedAt === undefined
      ? fillHtml(m.started, { time: time(incident.createdAt, ctx, day) })
      : fillHtml(m.resolved, { time: time(incident.resolvedAt, ctx, day) });
  return html`<p class="meta"><strong>${m.incidentStatus[incident.status]}</strong> · ${m.impactLabel}: ${m.impact[incident.impact]} · ${when}${affects(incident.components, ctx)}</p>`;
}

/** Active incidents stand out in the colour of the state their impact means. */
const IMPACT_STATE: Record<Incident['impact'], State> = {
  none: 'unknown',
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
};

function activeIncident(incident: Incident, ctx: Ctx): SafeHtml {
  return html`<article class="banner s-${IMPACT_STATE[incident.impact]}" id="incident-${incident.id}">
<h3>${text(incident.title, ctx.lang)}</h3>
${incidentMeta(incident, ctx)}
${timeline(incident, ctx)}
</article>
`;
}

function history(incidents: Incident[], activeIds: Set<number>, ctx: Ctx): SafeHtml {
  if (incidents.length === 0) return html`<p>${ctx.m.noHistory}</p>`;
  const days = new Map<string, Incident[]>();
  for (const incident of [...incidents].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)) {
    const key = dayKey(incident.createdAt, ctx.timeZone);
    const list = days.get(key);
    if (list) list.push(incident);
    else days.set(key, [incident]);
  }
  return html`${[...days].map(
    ([day, list]) =>
      html`<h3><time datetime="${day}">${formatDate(list[0]!.createdAt, 'day', ctx.lang, ctx.timeZone)}</time></h3>
${list.map(
  // An active incident is shown in full above and keeps the anchor there.
  (i) => html`<article${activeIds.has(i.id) ? '' : html` id="incident-${i.id}"`}>
<h4>${text(i.title, ctx.lang)}</h4>
${incidentMeta(i, ctx, day)}
${i.updates.length > 0 ? html`<details><summary>${ctx.m.updates}</summary>${timeline(i, ctx, day)}</details>\n` : ''}</article>
`,
)}`,
  )}`;
}

function maintenance(w: Maintenance, ctx: Ctx): SafeHtml {
  const m = ctx.m;
  const state = w.cancelled
    ? m.maintenanceState.cancelled
    : w.startsAt <= ctx.now && ctx.now < w.endsAt
      ? m.maintenanceState.active
      : m.maintenanceState.upcoming;
  return html`<article id="maintenance-${w.id}">
<h3>${text(w.title, ctx.lang)}</h3>
<p class="meta s-maintenance"><strong class="st">${state}</strong> · ${fillHtml(m.maintenanceWindow, { start: time(w.startsAt, ctx), end: time(w.endsAt, ctx) })}${affects(w.components, ctx)}</p>
${paragraph(w.body, ctx.lang)}
</article>
`;
}

/** The copy-paste snippets: built as markup, shown as text. */
export function embedSnippets(
  component: { id: string; name: string },
  base: string,
  lang: Language,
): { badge: string; iframe: string } {
  const label = fillText(PAGE_MESSAGES[lang].statusOf, { name: component.name });
  const page = `${base}${PUBLIC_PATHS.page}?lang=${lang}`;
  return {
    badge:
      html`<a href="${page}"><img src="${base}${PUBLIC_PATHS.badge(component.id)}?lang=${lang}" alt="${label}"></a>`
        .value,
    iframe:
      html`<iframe src="${base}${PUBLIC_PATHS.widget(component.id)}?lang=${lang}" title="${label}" width="300" height="80" style="border:0" loading="lazy" sandbox="allow-top-navigation-by-user-activation"></iframe>`
        .value,
  };
}

function embed(c: ComponentView, ctx: Ctx): SafeHtml {
  const snippets = embedSnippets(c, ctx.base, ctx.lang);
  return html`<h3>${text(c.name, ctx.lang)}</h3>
<p>${ctx.m.badge}</p>
<pre><code>${snippets.badge}</code></pre>
<p>${ctx.m.widget}</p>
<pre><code>${snippets.iframe}</code></pre>
`;
}
