import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../src/render/escape.js';
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
  isTimeZone,
  pickText,
} from '../../src/render/format.js';
import { NOW } from './views.js';

/** ICU picks no-break and narrow no-break spaces per locale and version; the words are what count. */
const spaced = (text: string) => text.replace(/\s/g, ' ');

describe('pickText', () => {
  it('takes the reader’s language when it is set', () => {
    expect(pickText({ nl: 'Storing', fr: 'Panne' }, 'fr')).toEqual({ text: 'Panne', lang: 'fr' });
  });

  it('falls back to Dutch, then to the first language that is set, and says which', () => {
    expect(pickText({ en: 'Outage', nl: 'Storing' }, 'de')).toEqual({ text: 'Storing', lang: 'nl' });
    expect(pickText({ de: 'Störung', en: 'Outage' }, 'fr')).toEqual({ text: 'Outage', lang: 'en' });
    expect(pickText({ de: 'Störung', fr: '  ' }, 'fr')).toEqual({ text: 'Störung', lang: 'de' });
  });

  it('treats a plain string as the reader’s language, and nothing as empty', () => {
    expect(pickText('eHealth', 'fr')).toEqual({ text: 'eHealth', lang: 'fr' });
    expect(pickText({}, 'en')).toEqual({ text: '', lang: 'en' });
  });
});

describe('uptime figures', () => {
  it('show two decimals with the locale’s decimal separator', () => {
    expect(formatUptime(0.9995, 'en')).toBe('99.95%');
    expect(formatUptime(0.9995, 'nl')).toBe('99,95%');
    expect(spaced(formatUptime(0.9995, 'fr'))).toBe('99,95 %');
    expect(spaced(formatUptime(0.9995, 'de'))).toBe('99,95 %');
  });

  it('round down, so only a window without a failed minute reads 100 %', () => {
    expect(formatUptime(0.99999, 'en')).toBe('99.99%');
    expect(formatUptime(0.12345, 'en')).toBe('12.34%');
    expect(formatUptime(1, 'en')).toBe('100%');
    expect(formatUptime(0, 'en')).toBe('0.00%');
  });

  it('show coverage in whole percent, rounded down and within 0…100', () => {
    expect(formatCoverage(0.835, 'nl')).toBe('83%');
    expect(formatCoverage(0.999, 'en')).toBe('99%');
    expect(formatCoverage(1.2, 'en')).toBe('100%');
  });

  it('name the windows in the reader’s language', () => {
    expect(spaced(formatWindow('24h', 'nl'))).toBe('24 uur');
    expect(spaced(formatWindow('7d', 'fr'))).toBe('7 jours');
    expect(spaced(formatWindow('30d', 'en'))).toBe('30 days');
    expect(spaced(formatWindow('90d', 'de'))).toBe('90 Tage');
  });
});

describe('times', () => {
  it('are shown in the page’s time zone, with the zone named', () => {
    expect(spaced(formatDate(NOW, 'dateTime', 'nl', 'Europe/Brussels'))).toBe('4 maart 2026 om 14:05 CET');
    expect(spaced(formatDate(NOW, 'dateTime', 'de', 'Europe/Brussels'))).toBe('4. März 2026 um 14:05 MEZ');
    expect(spaced(formatDate(NOW, 'dateTime', 'en', 'UTC'))).toBe('March 4, 2026 at 1:05 PM UTC');
  });

  it('fall back to UTC for a time zone Intl does not know, instead of failing the page', () => {
    expect(isTimeZone('Europe/Brussels')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(spaced(formatDate(NOW, 'dateTime', 'en', 'Europe/Atlantis'))).toBe('March 4, 2026 at 1:05 PM UTC');
  });

  it('group by the calendar day of the page’s zone, not of UTC', () => {
    const lateEvening = Date.UTC(2026, 2, 4, 23, 30);
    expect(dayKey(lateEvening, 'UTC')).toBe('2026-03-04');
    expect(dayKey(lateEvening, 'Europe/Brussels')).toBe('2026-03-05');
  });

  it('are machine-readable in UTC, and a broken number does not throw', () => {
    expect(isoInstant(NOW)).toBe('2026-03-04T13:05:00.000Z');
    expect(isoInstant(Number.NaN)).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('filling messages', () => {
  it('fills plain text and leaves unknown placeholders visible', () => {
    expect(fillText('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });

  it('escapes the message and plain parameters, and keeps markup parameters', () => {
    expect(fillHtml('<{a}> {b}', { a: '<x>', b: html`<time>1</time>` }).value).toBe('&lt;&lt;x&gt;&gt; <time>1</time>');
  });

  it('joins markup items with the language’s own list words', () => {
    const items = ['<a>', 'b', 'c'].map((s) => html`<bdi>${s}</bdi>`);
    expect(formatListHtml(items, 'nl').value).toBe(`<bdi>${escapeHtml('<a>')}</bdi>, <bdi>b</bdi> en <bdi>c</bdi>`);
    expect(formatListHtml(items.slice(0, 2), 'fr').value).toBe(`<bdi>${escapeHtml('<a>')}</bdi> et <bdi>b</bdi>`);
  });
});
