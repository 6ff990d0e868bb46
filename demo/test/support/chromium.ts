import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from './DemoProcess.js';

/** What the harness page reports (packages/grafana-panel/harness/README.md). */
interface HarnessReport {
  state: 'loading' | 'ready' | 'error';
  error?: { code: string; message: string };
}
declare const window: { hartslagHarness?: HarnessReport };

const SCREENSHOTS = process.env.SCREENSHOTS === '1';
const DOCS = path.join(REPO_ROOT, 'demo', 'docs');

/**
 * Loads the status page (in a major outage) and the panel preview in `browser`: no page or console
 * errors, the panel ready, screenshots with content (written to demo/docs with SCREENSHOTS=1).
 */
export async function renderPages(browser: Browser, urls: Record<string, string>): Promise<void> {
  const errors: string[] = [];
  const page = await browser.newPage({ viewport: { width: 1000, height: 1100 }, deviceScaleFactor: 1 });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${urls['status page']}?lang=en`);
  expect(await page.locator('body').textContent()).toMatch(/major outage/i);
  const statusShot = await page.screenshot();
  expect(statusShot.length).toBeGreaterThan(20_000);

  expect(errors).toEqual([]);

  const preview = await browser.newPage({ viewport: { width: 1140, height: 500 }, deviceScaleFactor: 1 });
  let previewErrors: string[] = [];
  preview.on('pageerror', (e) => previewErrors.push(`pageerror: ${e.message}`));
  preview.on('console', (m) => {
    if (m.type() === 'error') previewErrors.push(`console: ${m.text()}`);
  });
  // The panel's own browser tests may rebuild the plugin (webpack empties dist/ first) while
  // this runs; the harness reads the plugin per request, so a later load finds it again.
  let harness: HarnessReport | undefined;
  for (let attempt = 1; attempt <= 3; attempt++) {
    previewErrors = [];
    await preview.goto(urls['panel preview']!);
    await preview.waitForFunction(() => window.hartslagHarness?.state !== 'loading', null, { timeout: 30_000 });
    harness = await preview.evaluate(() => window.hartslagHarness!);
    if (harness.state === 'ready' && previewErrors.length === 0) break;
    await new Promise((r) => setTimeout(r, 10_000));
  }
  expect(harness?.error).toBeUndefined();
  expect(harness?.state).toBe('ready');
  expect(previewErrors).toEqual([]);
  const panelShot = await preview.screenshot();
  expect(panelShot.length).toBeGreaterThan(20_000);
  if (SCREENSHOTS) {
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(path.join(DOCS, 'status-page.png'), statusShot);
    writeFileSync(path.join(DOCS, 'panel-preview.png'), panelShot);
  }
}
