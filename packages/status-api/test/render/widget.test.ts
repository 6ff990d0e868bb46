import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n/messages.js';
import { PAGE_MESSAGES } from '../../src/i18n/pageMessages.js';
import { escapeHtml, replaceInvalidChars } from '../../src/render/escape.js';
import { renderWidget } from '../../src/render/widget.js';
import { all, EVENT_HANDLER_ATTRIBUTE, one, parseMarkup, text } from './markup.js';
import { ALL_LANGUAGES, HOSTILE, HOSTILE_NAME, NOW, widgetView } from './views.js';

describe('renderWidget', () => {
  it.each(ALL_LANGUAGES)('shows the component, its state in words and when it was updated, in %s', (lang) => {
    const widget = renderWidget(widgetView({ lang }));
    const doc = parseMarkup(widget);
    expect(doc.attrs.lang).toBe(lang);
    const main = one(doc, 'main');
    expect(text(one(main, (e) => e.attrs.class === 'name'))).toBe('Medicatiehistorie');
    expect(text(one(main, (e) => e.attrs.class === 'st'))).toBe(MESSAGES[lang].states.operational);
    expect(one(main, (e) => e.attrs.class === 'dot').attrs['aria-hidden']).toBe('true');
    expect(one(main, 'time').attrs.datetime).toBe(new Date(NOW).toISOString());
    expect(text(one(doc, 'title'))).toBe(`Medicatiehistorie: ${MESSAGES[lang].states.operational}`);
  });

  it('links to the full page out of the frame, without giving that page a handle on the partner', () => {
    const link = one(parseMarkup(renderWidget(widgetView({ lang: 'fr' }))), 'a');
    expect(link.attrs).toMatchObject({
      href: 'https://status.datahub.example.be/?lang=fr',
      target: '_top',
      rel: 'noopener',
    });
    expect(text(link)).toBe(PAGE_MESSAGES.fr.widgetLink);
  });

  it('runs nothing and shows a hostile name as text', () => {
    const widget = renderWidget(
      widgetView({
        component: { id: 'x', name: HOSTILE_NAME, state: 'degraded', since: NOW },
        page: { name: HOSTILE_NAME },
      }),
    );
    expect(widget).not.toMatch(/<script/i);
    expect(widget).not.toMatch(EVENT_HANDLER_ATTRIBUTE);
    expect(widget).toContain(escapeHtml(HOSTILE.script));
    const doc = parseMarkup(widget);
    expect(all(doc, 'script')).toHaveLength(0);
    expect(text(one(doc, 'bdi'))).toBe(replaceInvalidChars(HOSTILE_NAME));
    // In <title> no element can isolate the right-to-left override: Unicode isolates do.
    expect(text(one(doc, 'title'))).toBe(`\u2068${replaceInvalidChars(HOSTILE_NAME)}\u2069: verstoord`);
  });

  it('shows unknown, not the last measured state, when the source is not fresh; maintenance stays', () => {
    const stale = (state: 'operational' | 'maintenance') =>
      text(
        one(
          parseMarkup(
            renderWidget(widgetView({ sourceFresh: false, component: { id: 'x', name: 'x', state, since: NOW } })),
          ),
          (e) => e.attrs.class === 'st',
        ),
      );
    expect(stale('operational')).toBe(MESSAGES.nl.states.unknown);
    expect(stale('maintenance')).toBe(MESSAGES.nl.states.maintenance);
  });

  it('is small enough to load on every partner page view', () => {
    expect(Buffer.byteLength(renderWidget(widgetView()))).toBeLessThan(2_500);
  });
});
