import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n/messages.js';
import { PAGE_MESSAGES } from '../../src/i18n/pageMessages.js';
import { escapeHtml, replaceInvalidChars } from '../../src/render/escape.js';
import { embedSnippets, renderPage } from '../../src/render/page.js';
import { all, byId, EVENT_HANDLER_ATTRIBUTE, one, parseMarkup, text } from './markup.js';
import {
  ALL_LANGUAGES,
  component,
  DAY,
  HOSTILE,
  HOSTILE_NAME,
  HOUR,
  incident,
  maintenance,
  NOW,
  pageView,
  update,
} from './views.js';

const spaced = (s: string) => s.replace(/\s+/g, ' ');

/** A page where every text a person or a config file can set is hostile. */
function hostilePage(lang: (typeof ALL_LANGUAGES)[number]) {
  return renderPage(
    pageView({
      lang,
      page: { name: HOSTILE_NAME, url: 'javascript:alert(1)' },
      components: [
        component('medication-history', {
          name: HOSTILE_NAME,
          description: HOSTILE_NAME,
          notes: [
            { kind: 'provider_failing', provider: HOSTILE_NAME },
            { kind: 'on_backup', provider: { nl: HOSTILE.script }, backup: HOSTILE.attribute },
          ],
        }),
      ],
      activeIncidents: [
        incident(9, {
          status: 'investigating',
          resolvedAt: undefined,
          title: { [lang]: HOSTILE_NAME },
          updates: [update(9, 91, NOW, 'investigating', { [lang]: HOSTILE_NAME })],
        }),
      ],
      recentIncidents: [incident(2, { title: { nl: HOSTILE_NAME } })],
      maintenance: [maintenance(1, { title: { nl: HOSTILE_NAME }, body: { nl: HOSTILE_NAME } })],
    }),
  );
}

describe('renderPage', () => {
  it('is a complete HTML5 document in the reader’s language', () => {
    const page = renderPage(pageView({ lang: 'fr' }));
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="fr"')).toBe(true);
    const doc = parseMarkup(page);
    expect(one(doc, (e) => e.tag === 'meta' && e.attrs.charset !== undefined).attrs.charset).toBe('utf-8');
    expect(one(doc, (e) => e.tag === 'meta' && e.attrs.name === 'viewport').attrs.content).toContain(
      'width=device-width',
    );
    expect(text(one(doc, 'title'))).toBe('Tous les services fonctionnent · Statut de Apotheek Datahub');
  });

  it.each(ALL_LANGUAGES)('runs nothing in %s, whatever the texts contain', (lang) => {
    const page = hostilePage(lang);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(EVENT_HANDLER_ATTRIBUTE);
    expect(page).not.toMatch(/javascript:/i);
    const doc = parseMarkup(page);
    expect(all(doc, 'script')).toHaveLength(0);
    expect(all(doc, 'iframe')).toHaveLength(0);
    expect(all(doc, (e) => Object.keys(e.attrs).some((a) => a.startsWith('on')))).toHaveLength(0);
  });

  it('shows hostile text as the text it is, escaped, with forbidden characters replaced', () => {
    const page = hostilePage('nl');
    expect(page).toContain(escapeHtml(HOSTILE.script));
    expect(page).toContain(escapeHtml(HOSTILE.attribute));
    expect(page).toContain(']]&gt;&lt;x&gt;');
    expect(page).toContain(HOSTILE.emoji);
    expect(page).not.toContain('\u0000');
    const doc = parseMarkup(page);
    const shown = replaceInvalidChars(HOSTILE_NAME);
    const heading = one(one(doc, byId('component-medication-history')), 'h3');
    expect(text(heading)).toBe(shown);
    // Isolated, so the right-to-left override cannot reorder the words after it.
    expect(heading.children[0]).toMatchObject({ tag: 'bdi' });
    expect(text(one(doc, 'h1'))).toBe(`Status van ${shown}`);
    // A `javascript:` URL for the platform's site is not linked at all.
    expect(all(one(one(doc, 'header'), 'p'), 'a')).toHaveLength(0);
  });

  it('has landmarks, one h1 and headings that never skip a level', () => {
    const doc = parseMarkup(
      renderPage(
        pageView({
          activeIncidents: [incident(5, { status: 'monitoring', resolvedAt: undefined })],
          maintenance: [maintenance(1)],
        }),
      ),
    );
    for (const tag of ['header', 'main', 'footer', 'nav']) expect(all(doc, tag)).toHaveLength(1);
    expect(all(doc, 'h1')).toHaveLength(1);
    const levels = all(doc, (e) => /^h[1-6]$/.test(e.tag)).map((e) => Number(e.tag[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    const ids = all(doc, (e) => e.attrs.id !== undefined).map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const section of all(doc, 'section')) {
      expect(one(section, byId(section.attrs['aria-labelledby']!)).tag).toBe('h2');
    }
  });

  it('says each state in words, the colour dot being decoration only', () => {
    const doc = parseMarkup(
      renderPage(
        pageView({
          overall: 'major_outage',
          components: [
            component('medication-history', { state: 'major_outage' }),
            component('prescriptions', { state: 'degraded' }),
          ],
        }),
      ),
    );
    expect(text(one(doc, byId('component-medication-history')))).toContain(MESSAGES.nl.states.major_outage);
    expect(text(one(doc, byId('component-prescriptions')))).toContain(MESSAGES.nl.states.degraded);
    expect(text(one(doc, (e) => e.attrs.class?.startsWith('banner overall') === true))).toContain('Storing');
    for (const dot of all(doc, (e) => e.attrs.class === 'dot')) {
      expect(dot.attrs['aria-hidden']).toBe('true');
      expect(dot.children).toHaveLength(0);
    }
  });

  it('marks every time with a machine-readable datetime and shows it in the page’s zone', () => {
    const doc = parseMarkup(renderPage(pageView({ lang: 'de' })));
    const times = all(doc, 'time');
    expect(times.length).toBeGreaterThan(5);
    for (const t of times) expect(t.attrs.datetime).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$/);
    const updated = times.find((t) => t.attrs.datetime === '2026-03-04T13:05:00.000Z')!;
    expect(spaced(text(updated))).toBe('4. März 2026 um 14:05 MEZ');
  });

  it('switches language with plain links, each in its own language', () => {
    const doc = parseMarkup(renderPage(pageView({ lang: 'en' })));
    const links = all(one(doc, 'nav'), 'a');
    expect(links.map((a) => [a.attrs.href, a.attrs.hreflang, a.attrs.lang, text(a)])).toEqual([
      ['?lang=nl', 'nl', 'nl', 'Nederlands'],
      ['?lang=fr', 'fr', 'fr', 'Français'],
      ['?lang=en', 'en', 'en', 'English'],
      ['?lang=de', 'de', 'de', 'Deutsch'],
    ]);
    expect(links.filter((a) => a.attrs['aria-current'] === 'page').map((a) => a.attrs.hreflang)).toEqual(['en']);
    expect(one(doc, 'nav').attrs['aria-label']).toBe('Language');
  });

  it.each(ALL_LANGUAGES)('speaks %s in its headings and empty states', (lang) => {
    const m = PAGE_MESSAGES[lang];
    const doc = parseMarkup(renderPage(pageView({ lang, recentIncidents: [] })));
    expect(all(doc, 'h2').map(text)).toEqual([m.activeIncidents, m.components, m.maintenance, m.history, m.embed]);
    const body = text(one(doc, 'main'));
    for (const empty of [m.noActiveIncidents, m.noMaintenance, m.noHistory]) expect(body).toContain(empty);
  });

  it('falls back to Dutch, then to any language, and marks the text with the language it is in', () => {
    const doc = parseMarkup(
      renderPage(
        pageView({
          lang: 'fr',
          activeIncidents: [
            incident(4, {
              resolvedAt: undefined,
              status: 'identified',
              title: { de: 'Störung beim eHealth-Zugang' },
              updates: [update(4, 41, NOW, 'identified', { nl: 'Oorzaak bij de leverancier.', fr: '' })],
            }),
          ],
        }),
      ),
    );
    const article = one(doc, byId('incident-4'));
    const title = one(one(article, 'h3'), 'bdi');
    expect([title.attrs.lang, text(title)]).toEqual(['de', 'Störung beim eHealth-Zugang']);
    const body = one(article, (e) => e.tag === 'p' && e.attrs.class === 'body');
    expect([body.attrs.lang, body.attrs.dir, text(body)]).toEqual(['nl', 'auto', 'Oorzaak bij de leverancier.']);
    // Text in the page's own language carries no lang attribute of its own.
    expect(one(one(doc, byId('component-medication-history')), 'bdi').attrs.lang).toBeUndefined();
  });

  it('shows uptime per window in the locale’s numbers, with a hint when part of a window was measured', () => {
    const doc = parseMarkup(
      renderPage(
        pageView({
          components: [
            component('medication-history', {
              uptime: [
                { window: '24h', ratio: undefined, coverage: 0 },
                { window: '7d', ratio: 0.9995, coverage: 1 },
                { window: '30d', ratio: 0.99871, coverage: 0.835 },
              ],
            }),
          ],
        }),
      ),
    );
    const table = one(one(doc, byId('component-medication-history')), 'table');
    expect(text(one(table, 'caption'))).toBe('Beschikbaarheid');
    expect(all(table, 'th').map((th) => spaced(text(th)))).toEqual(['24 uur', '7 dagen', '30 dagen']);
    expect(all(table, 'td').map((td) => spaced(text(td)))).toEqual([
      'geen metingen',
      '99,95%',
      '99,87% (gemeten over 83% van de periode)',
    ]);
  });

  it('uses a comma in French and German figures and a point in English', () => {
    for (const [lang, figure] of [
      ['fr', '99,95 %'],
      ['de', '99,95 %'],
      ['en', '99.95%'],
    ] as const) {
      expect(spaced(renderPage(pageView({ lang })))).toContain(`<td>${figure}</td>`);
    }
  });

  it('says the status cannot be determined when the source is not fresh, and shows nothing measured as working', () => {
    const doc = parseMarkup(
      renderPage(
        pageView({
          sourceFresh: false,
          overall: 'operational',
          components: [
            component('medication-history', { state: 'operational' }),
            component('prescriptions', { state: 'maintenance' }),
          ],
        }),
      ),
    );
    const main = one(doc, 'main');
    const banner = one(main, (e) => e.attrs.class === 'banner s-unknown');
    expect(text(banner)).toContain(PAGE_MESSAGES.nl.staleTitle);
    expect(text(one(doc, 'title'))).toMatch(/^De status is onbekend/);
    const measured = one(main, byId('component-medication-history'));
    expect(text(measured)).toContain(MESSAGES.nl.states.unknown);
    expect(text(measured)).not.toContain(MESSAGES.nl.states.operational);
    // "unknown since" the last change would be untrue: the change was to operational.
    expect(text(measured)).not.toContain('sinds');
    expect(text(one(main, byId('component-prescriptions')))).toContain(MESSAGES.nl.states.maintenance);
  });

  it('shows no stale banner while the source is fresh', () => {
    expect(renderPage(pageView())).not.toContain(PAGE_MESSAGES.nl.staleTitle);
  });

  it('explains provider trouble in every language, with the provider’s name in that language', () => {
    const provider = { nl: 'het eHealth-platform', fr: 'la plateforme eHealth', en: 'the eHealth platform' };
    const notes = (lang: (typeof ALL_LANGUAGES)[number]) => {
      const doc = parseMarkup(
        renderPage(
          pageView({
            lang,
            components: [
              component('medication-history', {
                notes: [
                  { kind: 'provider_failing', provider },
                  { kind: 'on_backup', provider, backup: 'Recip-e' },
                  { kind: 'provider_failing', provider: 'MyCareNet', oursWork: false },
                  { kind: 'stale' },
                  { kind: 'too_few_calls' },
                  { kind: 'maintenance', until: NOW + 2 * HOUR },
                  { kind: 'collecting', coverage: 0.129, days: 30 },
                ],
              }),
            ],
          }),
        ),
      );
      return all(
        one(doc, (e) => e.attrs.class === 'notes'),
        'li',
      ).map((li) => spaced(text(li)));
    };
    expect(notes('en')).toEqual([
      'Calls to the eHealth platform are failing; our services work.',
      'Running on the backup provider (Recip-e) instead of the eHealth platform.',
      'Calls to MyCareNet are failing.',
      'No recent measurement: this state may be out of date.',
      'Too few calls to judge: shown as unknown rather than operational.',
      'Scheduled maintenance until March 4, 2026 at 4:05 PM GMT+1.',
      'Collecting data (12% of 30 days): the error budget is not judged yet.',
    ]);
    expect(notes('nl')[6]).toBe(
      'Gegevens worden verzameld (12% van 30 dagen): het foutenbudget wordt nog niet beoordeeld.',
    );
    expect(notes('nl')[0]).toBe('Oproepen naar het eHealth-platform mislukken; onze diensten werken.');
    expect(notes('nl')[4]).toBe('Te weinig aanroepen om te beoordelen: daarom onbekend, niet „werkt”.');
    expect(notes('fr')[4]).toBe('Trop peu d’appels pour en juger : état inconnu plutôt qu’opérationnel.');
    expect(notes('de')[4]).toBe('Zu wenige Aufrufe für ein Urteil: daher unbekannt statt „in Betrieb“.');
    expect(notes('fr')[1]).toBe(
      'Fonctionne avec le fournisseur de secours (Recip-e) au lieu de la plateforme eHealth.',
    );
    // No German name configured: the Dutch one, marked as Dutch.
    expect(notes('de')[0]).toBe('Aufrufe an het eHealth-platform schlagen fehl; unsere Dienste funktionieren.');
    expect(
      renderPage(
        pageView({ lang: 'de', components: [component('x', { notes: [{ kind: 'provider_failing', provider }] })] }),
      ),
    ).toContain('<bdi lang="nl">het eHealth-platform</bdi>');
  });

  it('shows an active incident with its updates newest first, and the components it affects', () => {
    const doc = parseMarkup(
      renderPage(
        pageView({
          activeIncidents: [
            incident(6, {
              status: 'monitoring',
              impact: 'major',
              resolvedAt: undefined,
              components: ['medication-history', 'prescriptions', 'gone'],
              updates: [
                update(6, 61, NOW - 2 * HOUR, 'investigating', { nl: 'Eerst' }),
                update(6, 62, NOW - HOUR, 'identified', { nl: 'Dan' }),
                update(6, 63, NOW, 'monitoring', { nl: 'Nu' }),
              ],
            }),
          ],
        }),
      ),
    );
    const article = one(doc, byId('incident-6'));
    expect(spaced(text(one(article, (e) => e.attrs.class === 'meta')))).toMatch(
      /^Opvolging · Impact: groot · Begonnen: .* · Betreft: Medicatiehistorie, Component prescriptions en gone$/,
    );
    const items = all(one(article, 'ol'), 'li').map((li) => text(one(li, 'strong')));
    expect(items).toEqual(['Opvolging', 'Oorzaak gevonden', 'Onderzoek']);
  });

  it('groups the 90-day history by day in the page’s zone, newest day first', () => {
    const lateEvening = Date.UTC(2026, 2, 2, 23, 30); // 3 March 00:30 in Brussels
    const doc = parseMarkup(
      renderPage(
        pageView({
          recentIncidents: [
            incident(1, { createdAt: NOW - 10 * DAY }),
            incident(2, { createdAt: lateEvening }),
            incident(3, { createdAt: Date.UTC(2026, 2, 3, 9, 0) }),
          ],
        }),
      ),
    );
    const section = one(doc, (e) => e.tag === 'section' && e.attrs['aria-labelledby'] === 'h-history');
    expect(all(section, 'h3').map((h) => one(h, 'time').attrs.datetime)).toEqual(['2026-03-03', '2026-02-22']);
    expect(all(section, 'h4').map(text)).toEqual(['Storing 3', 'Storing 2', 'Storing 1']);
    expect(spaced(text(all(section, 'h3')[0]!))).toBe('dinsdag 3 maart 2026');
  });

  it('keeps an active incident’s anchor on the active incident when it is also in the history', () => {
    const open = incident(8, { resolvedAt: undefined, status: 'investigating' });
    const doc = parseMarkup(renderPage(pageView({ activeIncidents: [open], recentIncidents: [open] })));
    const anchored = one(doc, byId('incident-8'));
    expect(all(anchored, 'h3')).toHaveLength(1);
    expect(all(doc, (e) => e.tag === 'h4' && text(e) === 'Storing 8')).toHaveLength(1);
  });

  it('lists maintenance by start, saying which is running, planned or cancelled, and leaves out what ended', () => {
    const doc = parseMarkup(
      renderPage(
        pageView({
          maintenance: [
            maintenance(1, { startsAt: NOW + 2 * DAY, endsAt: NOW + 2 * DAY + HOUR }),
            maintenance(2, { startsAt: NOW - HOUR, endsAt: NOW + HOUR }),
            maintenance(3, { startsAt: NOW + DAY, endsAt: NOW + DAY + HOUR, cancelled: true }),
            maintenance(4, { startsAt: NOW - 2 * HOUR, endsAt: NOW }),
          ],
        }),
      ),
    );
    const states = all(doc, (e) => e.tag === 'article' && e.attrs.id?.startsWith('maintenance-') === true).map((a) => [
      a.attrs.id,
      text(one(a, 'strong')),
    ]);
    expect(states).toEqual([
      ['maintenance-2', 'bezig'],
      ['maintenance-3', 'geannuleerd'],
      ['maintenance-1', 'gepland'],
    ]);
  });

  it('shows embed snippets as text that, copied, is the badge and the iframe', () => {
    const doc = parseMarkup(renderPage(pageView({ lang: 'en' })));
    const codes = all(doc, 'code').map(text);
    expect(codes).toContain(
      '<a href="https://status.datahub.example.be/?lang=en"><img src="https://status.datahub.example.be/badge/medication-history.svg?lang=en" alt="Medicatiehistorie status"></a>',
    );
    const iframe = codes.find((c) => c.includes('/widget/medication-history'))!;
    expect(iframe).toMatch(
      /^<iframe src="https:\/\/status\.datahub\.example\.be\/widget\/medication-history\?lang=en" /,
    );
    expect(iframe).toContain('title="Medicatiehistorie status"');
    expect(iframe).toContain('sandbox="allow-top-navigation-by-user-activation"');
  });

  it('escapes a hostile name inside the snippet, and the snippet once more for display', () => {
    const snippets = embedSnippets({ id: 'x', name: HOSTILE.script }, 'https://s.example', 'nl');
    expect(snippets.badge).toContain(`alt="Status van ${escapeHtml(HOSTILE.script)}"`);
    const page = renderPage(pageView({ components: [component('x', { name: HOSTILE.script })] }));
    expect(page).toContain(escapeHtml(`alt="Status van ${escapeHtml(HOSTILE.script)}"`));
  });

  it('links the Atom feed and the status JSON, in the head for readers and in the page for people', () => {
    const doc = parseMarkup(renderPage(pageView()));
    const head = one(doc, 'head');
    const feed = one(head, (e) => e.tag === 'link' && e.attrs.type === 'application/atom+xml');
    expect([feed.attrs.rel, feed.attrs.href]).toEqual([
      'alternate',
      'https://status.datahub.example.be/feed.atom?lang=nl',
    ]);
    expect(one(head, (e) => e.tag === 'link' && e.attrs.type === 'application/json').attrs.href).toBe(
      'https://status.datahub.example.be/v1/status?lang=nl',
    );
    const hreflangs = all(head, (e) => e.tag === 'link' && e.attrs.hreflang !== undefined).map((e) => e.attrs.hreflang);
    expect(hreflangs).toEqual(['nl', 'fr', 'en', 'de']);
    const hrefs = all(one(doc, 'main'), 'a').map((a) => a.attrs.href);
    expect(hrefs).toContain('https://status.datahub.example.be/feed.atom?lang=nl');
    expect(hrefs).toContain('https://status.datahub.example.be/v1/status?lang=nl');
  });

  it('inserts the chart’s SVG as it is', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="calls"><path d="M0 0L1 1"/></svg>';
    const page = renderPage(pageView({ components: [component('medication-history', { chartSvg: svg })] }));
    expect(page).toContain(`<div class="chart">${svg}</div>`);
  });

  it('stays under 30 KB for five components and twenty incidents, without charts', () => {
    const page = renderPage(
      pageView({
        components: ['a', 'b', 'c', 'd', 'e'].map((id) =>
          component(`component-${id}`, { name: `Dienst ${id}`, notes: [{ kind: 'stale' }] }),
        ),
        activeIncidents: [incident(1, { resolvedAt: undefined, status: 'identified' })],
        recentIncidents: Array.from({ length: 20 }, (_, i) => incident(i + 1)),
        maintenance: [maintenance(1)],
      }),
    );
    expect(Buffer.byteLength(page)).toBeLessThan(30_000);
  });
});
