import { launchChromium } from '@hartslag/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceInvalidChars } from '../../src/render/escape.js';
import { renderPage } from '../../src/render/page.js';
import { STATE_HEX } from '../../src/render/palette.js';
import { renderWidget } from '../../src/render/widget.js';
import { component, HOSTILE_NAME, incident, maintenance, NOW, pageView, widgetView } from './views.js';

/** The policy the routes send with the page and the widget. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:";
const ORIGIN = 'https://status.datahub.example.be';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Serves `body` at the origin under the real CSP, so Chromium parses it as a browser visiting would. */
async function open(body: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': CSP },
      body,
    }),
  );
  await page.goto(`${ORIGIN}/?lang=nl`);
  return { page, problems, close: () => context.close() };
}

const hex = (rgb: string) =>
  `#${(rgb.match(/\d+/g) ?? [])
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('')}`;
/** A computed style property; an expression string, as these tests compile without the DOM's types. */
const computed = (page: Page, selector: string, property: string) =>
  page.evaluate<string>(
    `getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(property)}]`,
  );

describe('the rendered page in Chromium', () => {
  it('renders under the page’s CSP with no violation, its inline style applied', async () => {
    const { page, problems, close } = await open(
      renderPage(
        pageView({ overall: 'major_outage', components: [component('medication-history', { state: 'major_outage' })] }),
      ),
      { width: 1024, height: 768 },
    );
    expect(hex(await computed(page, '#component-medication-history .st', 'color'))).toBe(STATE_HEX.major_outage);
    expect(problems).toEqual([]);
    await close();
  });

  it('exposes landmarks, one level-1 heading and a region per section to assistive technology', async () => {
    const { page, close } = await open(
      renderPage(
        pageView({ activeIncidents: [incident(5, { resolvedAt: undefined })], maintenance: [maintenance(1)] }),
      ),
      { width: 1024, height: 768 },
    );
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Taal' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual(['Status van Apotheek Datahub']);
    for (const name of ['Lopende storingen', 'Diensten', 'Gepland onderhoud', 'Deze status insluiten']) {
      expect(await page.getByRole('region', { name }).count(), name).toBe(1);
    }
    expect(await page.getByRole('link', { name: 'Français' }).getAttribute('href')).toBe('?lang=fr');
    await close();
  });

  it('parses hostile names into text, with no script and no handler', async () => {
    const { page, problems, close } = await open(
      renderPage(
        pageView({ components: [component('medication-history', { name: HOSTILE_NAME, description: HOSTILE_NAME })] }),
      ),
      { width: 1024, height: 768 },
    );
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('[onmouseover], x').count()).toBe(0);
    expect(await page.locator('#component-medication-history h3').textContent()).toBe(
      replaceInvalidChars(HOSTILE_NAME),
    );
    expect(problems).toEqual([]);
    await close();
  });

  it('fits a 320-pixel phone screen without sideways scrolling', async () => {
    const long = 'Elektronisch-voorschrift-en-medicatieschema-synchronisatiedienst';
    const { page, close } = await open(
      renderPage(
        pageView({
          components: [component(long.toLowerCase().slice(0, 60), { name: long })],
          recentIncidents: Array.from({ length: 5 }, (_, i) => incident(i + 1)),
        }),
      ),
      { width: 320, height: 640 },
    );
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    await close();
  });
});

describe('the rendered widget in Chromium', () => {
  it('fits its 300×80 frame under the CSP, state in words and colour', async () => {
    const { page, problems, close } = await open(
      renderWidget(widgetView({ component: { id: 'x', name: HOSTILE_NAME, state: 'degraded', since: NOW } })),
      { width: 300, height: 80 },
    );
    expect(await page.evaluate('document.documentElement.scrollHeight')).toBeLessThanOrEqual(80);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(300);
    expect(await page.locator('.st').textContent()).toBe('verstoord');
    expect(hex(await computed(page, '.st', 'color'))).toBe(STATE_HEX.degraded);
    expect(await page.getByRole('link').getAttribute('target')).toBe('_top');
    expect(problems).toEqual([]);
    await close();
  });
});
