import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PHARMACY_TIME_ZONE,
  pharmacyTraffic,
  toHarnessData,
  toOffsetHarnessData,
} from '../../harness/fixtures/pharmacyTraffic.js';
import { type HarnessSession, type OpenedPanel, startHarnessSession } from './support/harnessSession.js';

const PACKAGE_DIR = path.resolve(import.meta.dirname, '../..');
const PLUGIN_ID = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'src', 'plugin.json'), 'utf8')).id as string;
const WEEK_MS = 7 * 86_400_000;

const today = pharmacyTraffic();
// Sunday 2026-10-25, the 25-hour day (03:00 CEST → 02:00 CET), late in the evening.
const dstDay = pharmacyTraffic({ now: Date.parse('2026-10-25T23:30:00+01:00'), stall: null });
const DATA = {
  pharmacy: toHarnessData(today),
  offsets: toOffsetHarnessData(today, [
    { refId: 'B', offset: '1w', ms: WEEK_MS },
    { refId: 'C', offset: '52w', ms: 52 * WEEK_MS },
  ]),
  dst: toHarnessData(dstDay),
  none: { series: [] },
  'empty-frame': {
    series: [
      {
        refId: 'A',
        fields: [
          { name: 'Time', type: 'time', values: [] },
          { name: 'Value', type: 'number', values: [] },
        ],
      },
    ],
  },
};

const PANEL = '[data-testid="hartslag-rhythm-panel"]';
const SCREENSHOT_DIR =
  process.env.SCREENSHOTS === '1'
    ? path.join(PACKAGE_DIR, 'src', 'img')
    : mkdtempSync(path.join(tmpdir(), 'hartslag-panel-'));

let session: HarnessSession;
beforeAll(async () => {
  session = await startHarnessSession(DATA);
});
afterAll(async () => {
  await session?.close();
});

function open(data: keyof typeof DATA, extra: Record<string, string | number> = {}): Promise<OpenedPanel> {
  const now = data === 'dst' ? dstDay.now : today.now;
  return session.open({ data: `/data/${data}.json`, now, tz: PHARMACY_TIME_ZONE, width: 1000, height: 400, ...extra });
}

async function renderedPanel(opened: OpenedPanel) {
  expect(opened.api.error, opened.api.error?.message).toBeUndefined();
  await opened.page.waitForSelector(PANEL, { timeout: 10_000 });
  return opened.page.locator(PANEL);
}

function legendSeries(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="rhythm-legend-item"]')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-series') ?? ''));
}

/** Moves the mouse over the plot at a wall-clock time of the day and returns the tooltip's rows. */
async function hoverAt(page: Page, hours: number): Promise<Record<string, string>> {
  const plot = page.locator(`${PANEL} .u-over`).first();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + (box.width * hours) / 24, box.y + box.height / 2);
  await page.waitForSelector('[data-testid="rhythm-tooltip"]', { state: 'visible', timeout: 5_000 });
  const rows = await page
    .locator('[data-testid="rhythm-tooltip-row"]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-series') ?? '', e.textContent ?? '']));
  return Object.fromEntries(rows);
}

/** The signed percentage in a tooltip row ("−94.8 %" → -94.8). */
function percentIn(text: string): number {
  const match = /([+\-−]?\s?\d+(?:[.,]\d+)?)\s?%/.exec(text);
  return match ? Number(match[1]!.replace('−', '-').replace(/\s/g, '').replace(',', '.')) : Number.NaN;
}

describe('the built panel plugin in Chromium, loaded as Grafana loads it', () => {
  it('loads dist/module.js through define() as a PanelPlugin with the id from plugin.json and option defaults', async () => {
    const { api, errors } = await session.open({ data: '/data/none.json' });
    expect(api.state).toBe('ready');
    expect(api.isPanelPlugin).toBe(true);
    expect(api.pluginId).toBe(PLUGIN_ID);
    const paths = api.optionItems!.map((item) => item.path);
    for (const key of [
      'period',
      'dataMode',
      'previousDay',
      'lastWeek',
      'weeksBack',
      'lastMonth',
      'lastYear',
      'customShift',
      'band',
      'anomalies',
      'offsetMapping',
    ]) {
      expect(
        paths.some((p) => p === key || p.startsWith(`${key}.`)),
        `an editor for ${key}`,
      ).toBe(true);
    }
    expect(api.optionItems!.every((item) => item.hasEditor)).toBe(true);
    expect(api.options).toMatchObject({
      period: 'day',
      dataMode: 'auto',
      band: { show: true, periods: 4, low: 0.1, high: 0.9, match: 'same-weekday' },
      anomalies: { show: true, margin: 0.2 },
    });
    expect(errors).toEqual([]);
  });

  it('folds five weeks of 1-minute data into today, the overlays, the usual band and the stall', async () => {
    const opened = await open('pharmacy');
    const panel = await renderedPanel(opened);
    const legend = await legendSeries(opened.page);
    expect(legend).toEqual(
      expect.arrayContaining(['current', 'previous-day', 'last-week', 'last-month', 'median', 'band']),
    );
    expect(Number(await panel.getAttribute('data-series-count'))).toBe(legend.length);
    expect(await panel.getAttribute('data-period')).toBe('day');
    expect(Number(await panel.getAttribute('data-anomaly-ranges'))).toBeGreaterThanOrEqual(1);
    const stallMinutes = (today.stall!.to - today.stall!.from) / 60_000;
    expect(Math.abs(Number(await panel.getAttribute('data-anomalous-minutes')) - stallMinutes)).toBeLessThanOrEqual(5);
    const summary = await opened.page.locator('[data-testid="rhythm-anomaly-summary"]').textContent();
    const summaryMinutes = Number(/(\d+)\s*min/.exec(summary ?? '')?.[1]);
    expect(Math.abs(summaryMinutes - stallMinutes), summary ?? '').toBeLessThanOrEqual(5);

    // 10:10 is inside the stall: ~5 % of the usual rate, far below the median.
    const rows = await hoverAt(opened.page, 10 + 10 / 60);
    expect(rows.current).toMatch(/\d/);
    expect(percentIn(rows.median ?? '')).toBeLessThan(-80);
    expect(percentIn(rows['last-week'] ?? '')).toBeLessThan(-80);
    expect(opened.errors).toEqual([]);
  });

  it('maps offset queries (refId B offset 1w, C offset 52w) to last week and last year', async () => {
    const opened = await open('offsets');
    await renderedPanel(opened);
    expect(await legendSeries(opened.page)).toEqual(expect.arrayContaining(['current', 'last-week', 'last-year']));
    expect(opened.errors).toEqual([]);
  });

  it.each([
    ['no frames', 'none'],
    ['an empty frame', 'empty-frame'],
  ] as const)('shows the no-data message for %s, without errors', async (_, data) => {
    const opened = await open(data);
    expect(opened.api.state).toBe('ready');
    const message = opened.page.locator('[data-testid="rhythm-no-data"]');
    await message.waitFor({ timeout: 10_000 });
    expect((await message.textContent())?.trim().length).toBeGreaterThan(0);
    expect(opened.errors).toEqual([]);
  });

  it('draws the 25-hour day of 2026-10-25 on 00:00–24:00 with its repeated hour inside the usual band', async () => {
    const opened = await open('dst');
    const panel = await renderedPanel(opened);
    // An ordinary Sunday: wrongly placed hours after the change would leave the band at 09:00–11:00.
    expect(Number(await panel.getAttribute('data-anomaly-ranges'))).toBe(0);
    expect((await hoverAt(opened.page, 2.5)).current).toMatch(/\d/);
    expect((await hoverAt(opened.page, 23.25)).current).toMatch(/\d/);
    expect(opened.errors).toEqual([]);
  });

  it('renders in the light and the dark theme, and saves both as screenshots', async () => {
    const backgrounds: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      const opened = await open('pharmacy', { theme });
      await renderedPanel(opened);
      backgrounds.push(opened.api.background!);
      const file = path.join(SCREENSHOT_DIR, `screenshot-${theme}.png`);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await opened.page.locator('[data-testid="harness-frame"]').screenshot({ path: file });
      expect(statSync(file).size).toBeGreaterThan(10_000);
      expect(opened.errors).toEqual([]);
    }
    expect(backgrounds[0]).not.toBe(backgrounds[1]);
  });
});
