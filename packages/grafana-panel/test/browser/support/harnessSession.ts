import { launchChromium } from '@hartslag/testkit';
import type { Browser, Page } from 'playwright-core';
import { buildHarness, buildPlugin } from '../../../harness/build.js';
import { type HarnessServer, startHarnessServer } from '../../../harness/serve.js';
import type { HarnessApi } from '../../../harness/src/main.js';

/** A harness page with everything the browser reported while it ran. */
export interface OpenedPanel {
  page: Page;
  api: Omit<HarnessApi, 'plugin'>;
  /** console.error messages, uncaught page errors and failed requests, in order. */
  errors: string[];
}

export interface HarnessSession {
  server: HarnessServer;
  browser: Browser;
  /** Opens the harness with these query parameters and waits until it rendered (or failed). */
  open(query: Record<string, string | number>, viewport?: { width: number; height: number }): Promise<OpenedPanel>;
  close(): Promise<void>;
}

/** Builds the plugin and the harness when their sources changed, serves them, starts Chromium. */
export async function startHarnessSession(
  data: Record<string, unknown>,
  options: { pluginDir?: string } = {},
): Promise<HarnessSession> {
  // HARNESS_PLUGIN_DIR tests another build as it is (e.g. an unpacked release) instead of dist/.
  const pluginDir = options.pluginDir ?? process.env.HARNESS_PLUGIN_DIR;
  if (!pluginDir) await buildPlugin();
  await buildHarness();
  const server = await startHarnessServer({ data, pluginDir });
  const browser = await launchChromium();
  const pages: Page[] = [];
  return {
    server,
    browser,
    async open(query, viewport = { width: 1040, height: 440 }) {
      const page = await browser.newPage({ viewport });
      pages.push(page);
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
      page.on('response', (r) => {
        if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
      });
      const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      await page.goto(`${server.url}?${search}`);
      await page.waitForFunction(() => window.hartslagHarness?.state !== 'loading', null, { timeout: 20_000 });
      const api = await page.evaluate(() => ({ ...window.hartslagHarness, plugin: undefined }));
      return { page, api, errors };
    },
    async close() {
      await Promise.all(pages.map((p) => p.close().catch(() => {})));
      await browser.close();
      await server.close();
    },
  };
}
