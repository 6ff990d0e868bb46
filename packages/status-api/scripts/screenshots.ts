/*
 * Screenshots for the README: the status page (English and Dutch) and a sheet of badges, taken in
 * Debian's Chromium from the showcase over a real socket. Run from the repository root:
 *   pnpm --filter @hartslag/status-api screenshots
 */
import { launchChromium } from '@hartslag/testkit';
import { buildShowcase } from '../src/demo/showcase.js';

const NOW = Date.parse('2026-11-24T10:40:00Z');
const out = (name: string) => new URL(`../docs/${name}`, import.meta.url).pathname;

const { app } = await buildShowcase({ now: () => NOW });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`${url}/?lang=en`);
  await page.screenshot({ path: out('status-page.png'), fullPage: true });
  await page.goto(`${url}/?lang=nl`);
  await page.screenshot({ path: out('status-page-nl.png'), clip: { x: 0, y: 0, width: 960, height: 700 } });

  const badges = [
    'medication-history.svg',
    'video-consult.svg?lang=en',
    'prescriptions.svg?lang=fr&style=flat-square',
    'dispensations.svg?lang=de&style=for-the-badge',
    'medication-history/uptime.svg?window=30d',
    'dispensations/uptime.svg?window=90d&lang=en',
  ];
  await page.setViewportSize({ width: 520, height: 60 + badges.length * 34 });
  await page.setContent(
    `<body style="margin:16px;font:14px sans-serif">${badges
      .map((b) => `<div style="height:34px"><img src="${url}/badge/${b}"></div>`)
      .join('')}</body>`,
  );
  await page.waitForFunction('[...document.images].every((i) => i.complete && i.naturalWidth > 0)');
  await page.screenshot({ path: out('badges.png') });
  console.log('wrote docs/status-page.png, docs/status-page-nl.png, docs/badges.png');
} finally {
  await browser.close();
  await app.close();
}
