import { launchChromium } from '@hartslag/testkit';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SELF_TEST_MESSAGES } from '../../src/i18n/selfTestMessages.js';
import { selfTestApi, stunServer } from '../selftest/support.js';

let browser: Browser;
let stun: Awaited<ReturnType<typeof stunServer>>;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  browser = await launchChromium();
  stun = await stunServer();
});
afterAll(async () => {
  await browser?.close();
  stun?.close();
});
afterEach(async () => {
  // Last opened, first closed: the browser context before the server it keeps sockets open to.
  // Chromium's idle and preconnected sockets otherwise hold fastify's close until they time out.
  for (const c of closers.splice(0).reverse()) await c();
});

/** The self-test run in Chromium over a real socket: each result's test id, state and text. */
async function runSelfTest(iceServers: { urls: string }[], lang: string) {
  const { app } = await selfTestApi({ iceServers, iceTimeoutMs: 8_000 });
  closers.push(() => app.close());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const context = await browser.newContext({ locale: 'en-GB' });
  closers.push(() => context.close());
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${url}/self-test?lang=${lang}&autostart=1`);
  // Generous: ICE gathering on a loaded 2-core machine.
  await page.locator('#summary[data-ok]').waitFor({ timeout: 60_000 });
  const results = await page
    .locator('#results li')
    .evaluateAll((lis) =>
      lis.map((li) => ({ id: li.getAttribute('data-testid'), ok: li.getAttribute('data-ok'), text: li.textContent })),
    );
  const summary = await page
    .locator('#summary')
    .evaluate((e) => ({ ok: e.getAttribute('data-ok'), text: e.textContent }));
  return { results, summary, problems };
}

describe('the self-test in Chromium', () => {
  it('finds the API, the WebSocket echo and the STUN server reachable, and says all works', async () => {
    const before = stun.answered();
    const { results, summary, problems } = await runSelfTest([{ urls: stun.url }], 'en');
    const m = SELF_TEST_MESSAGES.en;
    expect(problems).toEqual([]);
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      ['api', 'true'],
      ['websocket', 'true'],
      ['webrtc', 'true'],
    ]);
    expect(results[0]!.text).toMatch(/^✔ Platform: The platform answers in \d+ ms\.$/);
    expect(results[1]!.text).toBe(`✔ Messages: ${m.websocket.ok}`);
    expect(results[2]!.text).toBe(`✔ Video: ${m.webrtc.stunOk.replace('{server}', stun.url)}`);
    expect(summary).toEqual({ ok: 'true', text: m.summary.ok });
    // The browser really asked our STUN server.
    expect(stun.answered()).toBeGreaterThan(before);
  });

  it('says in Dutch that a TURN server it cannot reach blocks video calls, and that not all works', async () => {
    // A TURN URL on a port nothing listens on (UDP: no answer at all, the usual firewall picture).
    const turn = 'turn:127.0.0.1:9?transport=udp';
    const { results, summary, problems } = await runSelfTest([{ urls: stun.url }, { urls: turn }], 'nl');
    const m = SELF_TEST_MESSAGES.nl;
    expect(problems.filter((p) => !p.includes('TURN') && !p.includes('turn'))).toEqual([]);
    const video = results.filter((r) => r.id === 'webrtc');
    expect(video.map((r) => [r.ok, r.text])).toEqual(
      expect.arrayContaining([
        ['true', `✔ Video: ${m.webrtc.stunOk.replace('{server}', stun.url)}`],
        ['false', `✖ Video: ${m.webrtc.fail.replace('{server}', turn)}`],
      ]),
    );
    expect(summary).toEqual({ ok: 'false', text: m.summary.fail });
  });
});
