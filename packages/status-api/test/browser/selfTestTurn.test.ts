import { freePort, launchChromium, type RunningCoturn, startCoturn } from '@hartslag/testkit';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/i18n/messages.js';
import { SELF_TEST_MESSAGES } from '../../src/i18n/selfTestMessages.js';
import type { IceServer } from '../../src/index.js';
import { selfTestApi } from '../selftest/support.js';

let browser: Browser;
let turn: RunningCoturn;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  browser = await launchChromium();
  turn = await startCoturn();
});
afterAll(async () => {
  await browser?.close();
  await turn?.stop();
});
afterEach(async () => {
  // Last opened, first closed: the browser context before the server it keeps sockets open to.
  // Chromium's idle and preconnected sockets otherwise hold fastify's close until they time out.
  for (const c of closers.splice(0).reverse()) await c();
});

/** The self-test page in Chromium against one TURN server: the video result and the summary. */
async function selfTest(server: IceServer, lang: Language) {
  const { app } = await selfTestApi({ iceServers: [server], iceTimeoutMs: 8_000 });
  closers.push(() => app.close());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const context = await browser.newContext();
  closers.push(() => context.close());
  const page = await context.newPage();
  await page.goto(`${url}/self-test?lang=${lang}&autostart=1`);
  // Generous: ICE gathering on a loaded 2-core machine.
  await page.locator('#summary[data-ok]').waitFor({ timeout: 60_000 });
  const video = await page
    .locator('#results li[data-testid="webrtc"]')
    .evaluateAll((lis) => lis.map((li) => ({ ok: li.getAttribute('data-ok'), text: li.textContent })));
  const summary = await page.locator('#summary').getAttribute('data-ok');
  return { video, summary };
}

const allocations = () => turn.log().match(/ALLOCATE processed, success/g)?.length ?? 0;
const refusals = () => turn.log().match(/user \S+ credentials are incorrect/g)?.length ?? 0;

describe('the self-test in Chromium against a real TURN server (coturn)', { timeout: 120_000 }, () => {
  it('with the right user and password, reaches a relay and says so', async () => {
    const before = allocations();
    const { video, summary } = await selfTest(
      { urls: turn.url, username: turn.username, credential: turn.password },
      'en',
    );
    const m = SELF_TEST_MESSAGES.en;
    expect(video).toEqual([{ ok: 'true', text: `✔ Video: ${m.webrtc.turnOk.replace('{server}', turn.url)}` }]);
    expect(summary).toBe('true');
    // coturn itself allocated the relay the browser reported.
    expect(allocations()).toBeGreaterThan(before);
  });

  it.each(['nl', 'fr', 'en', 'de'] as const)(
    'with a wrong password, says in plain words (%s) that the server refused access',
    async (lang) => {
      const before = refusals();
      const { video, summary } = await selfTest(
        { urls: turn.url, username: turn.username, credential: 'not-the-password' },
        lang,
      );
      const m = SELF_TEST_MESSAGES[lang];
      expect(video).toEqual([
        { ok: 'false', text: `✖ ${m.webrtc.name}: ${m.webrtc.refused.replace('{server}', turn.url)}` },
      ]);
      expect(summary).toBe('false');
      expect(refusals()).toBeGreaterThan(before);
    },
  );

  it('on a port nothing listens on, says the server cannot be reached', async () => {
    const closed = `turn:127.0.0.1:${await freePort()}?transport=udp`;
    const { video, summary } = await selfTest(
      { urls: closed, username: turn.username, credential: turn.password },
      'en',
    );
    const m = SELF_TEST_MESSAGES.en;
    expect(video).toEqual([{ ok: 'false', text: `✖ Video: ${m.webrtc.fail.replace('{server}', closed)}` }]);
    expect(summary).toBe('false');
  });
});
