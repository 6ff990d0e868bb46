import type { Language } from '../i18n/messages.js';
import { PAGE_MESSAGES } from '../i18n/pageMessages.js';
import type { Incident } from '../incidents/model.js';
import { html, type SafeXml, safeHttpUrl, xml } from './escape.js';
import { fillHtml, fillText, formatDate, formatListHtml, isoInstant, pickText } from './format.js';
import { type FeedView, type Localized, PUBLIC_PATHS } from './view.js';

/** Feed readers poll; 50 entries reach back far enough for anyone who polls at all. */
export const FEED_MAX_ENTRIES = 50;

/**
 * The incident history as Atom 1.0 (RFC 4287): one entry per incident, most recently updated
 * first, its update timeline as HTML content. Well-formed for any input: characters XML 1.0
 * forbids are replaced, and incident HTML is escaped twice (once as HTML, once as XML text).
 */
export function renderFeed(view: FeedView): string {
  const { lang } = view;
  const m = PAGE_MESSAGES[lang];
  const base = safeHttpUrl(view.baseUrl) ?? '';
  const names = new Map(view.components.map((c) => [c.id, c.name]));
  const incidents = [...view.incidents]
    .sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id)
    .slice(0, FEED_MAX_ENTRIES);
  // RFC 4287 §4.2.15: the feed changed when its newest entry did; an empty feed is as new as now.
  const updated = incidents.length > 0 ? Math.max(...incidents.map((i) => i.updatedAt)) : view.generatedAt;
  const pageHref = `${base}${PUBLIC_PATHS.page}?lang=${lang}`;

  const doc = xml`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
<id>${base ? `${base}${PUBLIC_PATHS.feed}` : 'urn:hartslag:feed'}</id>
<title>${fillText(m.feedTitle, { page: view.page.name })}</title>
<subtitle>${m.feedSubtitle}</subtitle>
<updated>${isoInstant(updated)}</updated>
<link rel="self" type="application/atom+xml" href="${base}${PUBLIC_PATHS.feed}?lang=${lang}" />
<link rel="alternate" type="text/html" href="${pageHref}" />
<author><name>${view.page.name}</name>${safeHttpUrl(view.page.url) ? xml`<uri>${safeHttpUrl(view.page.url)}</uri>` : ''}</author>
<generator>Hartslag</generator>
${incidents.map((i) => entry(i, { lang, base, names, timeZone: view.timeZone, pageHref }))}</feed>
`;
  return `<?xml version="1.0" encoding="utf-8"?>\n${doc.value}`;
}

interface EntryCtx {
  lang: Language;
  base: string;
  names: Map<string, string>;
  timeZone: string;
  pageHref: string;
}

function entry(incident: Incident, ctx: EntryCtx): SafeXml {
  const m = PAGE_MESSAGES[ctx.lang];
  const title = pickText(incident.title, ctx.lang);
  // `published` never after `updated`, whatever the store says.
  const published = Math.min(incident.createdAt, incident.updatedAt);
  return xml`<entry>
<id>${incidentId(incident.id, ctx.base)}</id>
<title${langAttr(title.lang, ctx.lang)}>${title.text}</title>
<published>${isoInstant(published)}</published>
<updated>${isoInstant(incident.updatedAt)}</updated>
<link rel="alternate" type="text/html" href="${ctx.pageHref}#incident-${incident.id}" />
<category term="${incident.impact}" label="${m.impactLabel}: ${m.impact[incident.impact]}" />
${incident.components.map((id) => xml`<category term="${id}" label="${ctx.names.get(id) ?? id}" scheme="${ctx.base}/v1/components/" />\n`)}<content type="html">${content(incident, ctx)}</content>
</entry>
`;
}

/**
 * An entry's permanent id (RFC 4287 §4.2.6): a URI under the service's base URL, so a reader
 * never mistakes one platform's incident 12 for another's. Without a usable base URL a URN keeps
 * the feed valid.
 */
export function incidentId(id: number, base: string): string {
  return base ? `${base}/incidents/${id}` : `urn:hartslag:incident:${id}`;
}

function langAttr(textLang: Language, feedLang: Language): SafeXml | '' {
  return textLang === feedLang ? '' : xml` xml:lang="${textLang}"`;
}

/** The update timeline, newest first, as HTML; `xml` escapes it once more into the element's text. */
function content(incident: Incident, ctx: EntryCtx) {
  const m = PAGE_MESSAGES[ctx.lang];
  const bdi = (value: Localized) => {
    const picked = pickText(value, ctx.lang);
    return picked.lang === ctx.lang
      ? html`<bdi>${picked.text}</bdi>`
      : html`<bdi lang="${picked.lang}">${picked.text}</bdi>`;
  };
  const when = (ms: number) => formatDate(ms, 'dateTime', ctx.lang, ctx.timeZone);
  const updates = [...incident.updates].sort((a, b) => b.at - a.at || b.id - a.id);
  const components = incident.components.map((id) => bdi(ctx.names.get(id) ?? id));
  return html`<p><strong>${m.incidentStatus[incident.status]}</strong> · ${m.impactLabel}: ${m.impact[incident.impact]}${
    components.length > 0 ? html` · ${fillHtml(m.affects, { components: formatListHtml(components, ctx.lang) })}` : ''
  }</p><ol>${updates.map((u) => {
    const body = pickText(u.body, ctx.lang);
    return html`<li><strong>${m.incidentStatus[u.status]}</strong> (${when(u.at)})${
      body.text === ''
        ? ''
        : html`<p dir="auto"${body.lang === ctx.lang ? '' : html` lang="${body.lang}"`}>${body.text}</p>`
    }</li>`;
  })}</ol>`;
}
