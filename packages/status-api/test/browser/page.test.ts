import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '@hartslag/testkit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShowcase, type ShowcaseSource } from '../../src/demo/showcase.js';

const NOW = Date.parse('2026-11-24T10:40:00Z');
let browser: Browser;
let url: string;
let source: ShowcaseSource;
let close: () => Promise<void>;
let refresh: () => Promise<void>;

beforeAll(async () => {
  const showcase = await buildShowcase({ now: () => NOW });
  url = await showcase.app.listen({ host: '127.0.0.1', port: 0 });
  source = showcase.source;
  refresh = () => showcase.board.refresh();
  close = () => showcase.app.close();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await close?.();
});

describe('the status page in Chromium, over a real socket', () => {
  it('renders without JavaScript, without CSP violations, with every image loaded', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
    const res = await page.goto(`${url}/`);
    expect(res?.status()).toBe(200);
    // Accept-Language from the browser's locale picks English.
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').count()).toBe(1);
    const text = await page.locator('body').textContent();
    expect(text).toContain('Medication history');
    expect(text).toContain('Video consultations on the backup provider');
    expect(text).toMatch(/backup provider/i);
    const svgCharts = await page.locator('svg[role="img"]').count();
    expect(svgCharts).toBe(4);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the badge an embedding partner gets, and its colour follows the state', async () => {
    const page = await browser.newPage();
    await page.setContent(`<img id="b" src="${url}/badge/medication-history.svg?lang=en">`);
    await page.waitForFunction("document.getElementById('b').naturalWidth > 0");
    const okWidth = await page.evaluate<number>("document.getElementById('b').naturalWidth");
    expect(okWidth).toBeGreaterThan(60);
    const shot = await page.locator('#b').screenshot();
    source.set('fetch-medication-history', { outage: { active: true, seconds: 300, limit: 600 }, errorRatio5m: 1 });
    await refresh();
    await page.setContent(`<img id="b" src="${url}/badge/medication-history.svg?lang=en&v=2">`);
    await page.waitForFunction("document.getElementById('b').naturalWidth > 0");
    const down = await page.locator('#b').screenshot();
    expect(Buffer.compare(shot, down)).not.toBe(0);
    const svg = await (await fetch(`${url}/badge/medication-history.svg?lang=en`)).text();
    expect(svg).toContain('major outage');
    await page.close();
  });

  it('frames the widget on any site, but not the page', async () => {
    const page = await browser.newPage();
    // A partner's site on another origin: its own server (Chromium lets only local pages frame
    // loopback addresses, so an intercepted "public" page would be refused for the wrong reason).
    const partnerSite = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        `<iframe id="w" src="${url}/widget/medication-history?lang=de" width="320" height="90"></iframe>` +
          `<iframe id="p" src="${url}/?lang=de" width="320" height="90"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => partnerSite.listen(0, '127.0.0.1', resolve));
    const partner = `http://127.0.0.1:${(partnerSite.address() as AddressInfo).port}/`;
    await page.goto(partner);
    const widget = page.frameLocator('#w').locator('body');
    await widget.getByText('Medikationshistorie').waitFor();
    expect(await widget.textContent()).toMatch(/Medikationshistorie/);
    // The page itself refuses to be framed (clickjacking): Chromium shows its error page instead.
    const pageFrame = await (await page.$('#p'))!.contentFrame();
    await expect.poll(() => pageFrame!.url()).toMatch(/^chrome-error:/);
    expect(page.frames().map((f) => f.url())).not.toContain(`${url}/?lang=de`);
    await page.close();
    partnerSite.close();
  });
});
