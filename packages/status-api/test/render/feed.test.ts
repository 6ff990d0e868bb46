import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { PAGE_MESSAGES } from '../../src/i18n/pageMessages.js';
import { escapeHtml, replaceInvalidChars } from '../../src/render/escape.js';
import { FEED_MAX_ENTRIES, renderFeed } from '../../src/render/feed.js';
import { ALL_LANGUAGES, DAY, feedView, HOSTILE, HOSTILE_NAME, HOUR, incident, NOW, update } from './views.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: true,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

interface Entry {
  id: string;
  title: string | { '#text': string; 'xml:lang': string };
  published: string;
  updated: string;
  link: { rel: string; type: string; href: string }[];
  category: { term: string; label: string; scheme?: string }[];
  content: { '#text': string; type: string };
}

interface Feed {
  'xml:lang': string;
  id: string;
  title: string;
  subtitle: string;
  updated: string;
  author: { name: string; uri?: string };
  link: { rel: string; type: string; href: string }[];
  entry: Entry[];
}

/** Validates (RFC 4287 needs well-formed XML first of all), then parses. */
function parseFeed(atom: string): Feed {
  const valid = XMLValidator.validate(atom);
  expect(valid, JSON.stringify(valid)).toBe(true);
  const feed = parser.parse(atom).feed;
  return { ...feed, entry: feed.entry ?? [] };
}

describe('renderFeed', () => {
  it('is an Atom 1.0 feed with id, title, updated, author and self and alternate links', () => {
    const atom = renderFeed(feedView());
    expect(atom.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(
      true,
    );
    const feed = parseFeed(atom);
    expect(feed['xml:lang']).toBe('nl');
    expect(feed.id).toBe('https://status.datahub.example.be/feed.atom');
    expect(feed.title).toBe('Apotheek Datahub: storingen');
    // The newest entry's update, not the render time: readers do not refetch what did not change.
    expect(feed.updated).toBe(new Date(NOW - DAY + 2 * HOUR).toISOString());
    expect(feed.author).toEqual({ name: 'Apotheek Datahub', uri: 'https://datahub.example.be' });
    expect(feed.link).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: 'https://status.datahub.example.be/feed.atom?lang=nl' },
      { rel: 'alternate', type: 'text/html', href: 'https://status.datahub.example.be/?lang=nl' },
    ]);
  });

  it('has one entry per incident, most recently updated first, at most 50', () => {
    const incidents = Array.from({ length: 60 }, (_, i) => incident(i + 1));
    incidents[40] = { ...incidents[40]!, updatedAt: NOW };
    const feed = parseFeed(renderFeed(feedView({ incidents })));
    expect(feed.entry).toHaveLength(FEED_MAX_ENTRIES);
    expect(feed.entry[0]!.id).toBe('https://status.datahub.example.be/incidents/41');
    expect(feed.entry.slice(1, 4).map((e) => e.id.split('/').pop())).toEqual(['1', '2', '3']);
    const updated = feed.entry.map((e) => Date.parse(e.updated));
    expect([...updated].sort((a, b) => b - a)).toEqual(updated);
  });

  it('gives each entry its title, dates, a link to the page, the impact and the components as categories', () => {
    const feed = parseFeed(
      renderFeed(
        feedView({
          lang: 'en',
          incidents: [incident(7, { impact: 'critical', components: ['medication-history', 'unlisted'] })],
        }),
      ),
    );
    const entry = feed.entry[0]!;
    expect(entry.title).toBe('Incident 7');
    expect(entry.published).toBe(new Date(NOW - 7 * DAY).toISOString());
    expect(entry.updated).toBe(new Date(NOW - 7 * DAY + 2 * HOUR).toISOString());
    expect(entry.link).toEqual([
      { rel: 'alternate', type: 'text/html', href: 'https://status.datahub.example.be/?lang=en#incident-7' },
    ]);
    expect(entry.category).toEqual([
      { term: 'critical', label: 'Impact: critical' },
      {
        term: 'medication-history',
        label: 'Medicatiehistorie',
        scheme: 'https://status.datahub.example.be/v1/components/',
      },
      { term: 'unlisted', label: 'unlisted', scheme: 'https://status.datahub.example.be/v1/components/' },
    ]);
  });

  it('carries the update timeline as HTML content, newest first', () => {
    const feed = parseFeed(
      renderFeed(
        feedView({
          lang: 'en',
          incidents: [
            incident(3, {
              updates: [
                update(3, 31, NOW - HOUR, 'investigating', { en: 'Looking into it.' }),
                update(3, 32, NOW, 'resolved', { en: 'Fixed.\nAll good.' }),
              ],
            }),
          ],
        }),
      ),
    );
    const content = feed.entry[0]!.content;
    expect(content.type).toBe('html');
    expect(content['#text']).toMatch(
      /^<p><strong>Resolved<\/strong> · Impact: minor · Affects: <bdi>Medicatiehistorie<\/bdi><\/p><ol>/,
    );
    expect(content['#text'].indexOf('Fixed.')).toBeLessThan(content['#text'].indexOf('Looking into it.'));
  });

  it('marks a title that fell back to another language with xml:lang', () => {
    const feed = parseFeed(
      renderFeed(feedView({ lang: 'fr', incidents: [incident(1, { title: { de: 'Störung' } })] })),
    );
    expect(feed.entry[0]!.title).toEqual({ '#text': 'Störung', 'xml:lang': 'de' });
  });

  it('stays well-formed and inert for any text: markup, CDATA ends, control characters, right-to-left, emoji', () => {
    const atom = renderFeed(
      feedView({
        page: { name: HOSTILE_NAME },
        incidents: [
          incident(1, {
            title: { nl: HOSTILE_NAME },
            updates: [update(1, 11, NOW, 'investigating', { nl: HOSTILE_NAME })],
          }),
        ],
        components: [{ id: 'medication-history', name: HOSTILE_NAME }],
      }),
    );
    // Nothing left that XML 1.0 forbids.
    expect(replaceInvalidChars(atom)).toBe(atom);
    expect(atom).not.toContain('<script');
    expect(atom).not.toContain(']]>');
    const feed = parseFeed(atom);
    const shown = replaceInvalidChars(HOSTILE_NAME);
    expect(feed.entry[0]!.title).toBe(shown);
    expect(feed.title).toBe(`${shown}: storingen`);
    expect(feed.entry[0]!.category[1]!.label).toBe(shown);
    // The content is HTML a reader renders: the incident's text is escaped in it.
    const content = feed.entry[0]!.content['#text'];
    expect(content).toContain(escapeHtml(HOSTILE.script));
    expect(content).not.toContain('<script');
    expect(content).toContain(HOSTILE.emoji);
  });

  it('is valid and as new as the render when there are no incidents', () => {
    const feed = parseFeed(renderFeed(feedView({ incidents: [] })));
    expect(feed.entry).toEqual([]);
    expect(feed.updated).toBe(new Date(NOW).toISOString());
  });

  it('never publishes an entry after its update, and keeps ids absolute without a usable base URL', () => {
    const feed = parseFeed(
      renderFeed(
        feedView({ baseUrl: 'not a url', incidents: [incident(1, { createdAt: NOW, updatedAt: NOW - HOUR })] }),
      ),
    );
    expect(feed.id).toBe('urn:hartslag:feed');
    expect(feed.entry[0]!.id).toBe('urn:hartslag:incident:1');
    expect(Date.parse(feed.entry[0]!.published)).toBeLessThanOrEqual(Date.parse(feed.entry[0]!.updated));
  });

  it.each(ALL_LANGUAGES)('is titled and tagged in %s', (lang) => {
    const feed = parseFeed(renderFeed(feedView({ lang })));
    expect(feed['xml:lang']).toBe(lang);
    expect(feed.subtitle).toBe(PAGE_MESSAGES[lang].feedSubtitle);
    expect(feed.entry[0]!.category[0]!.label).toBe(
      `${PAGE_MESSAGES[lang].impactLabel}: ${PAGE_MESSAGES[lang].impact.minor}`,
    );
  });
});
