import { afterEach, describe, expect, it } from 'vitest';
import { SELF_TEST_MESSAGES } from '../../src/i18n/selfTestMessages.js';
import { LANGUAGES } from '../../src/index.js';
import { jsonForScript } from '../../src/selftest/renderSelfTest.js';
import { selfTestApi } from './support.js';

const apps: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});
async function api(...args: Parameters<typeof selfTestApi>) {
  const built = await selfTestApi(...args);
  apps.push(built.app);
  return built.app;
}

describe('GET /self-test', () => {
  it('is served in each language, with a CSP that allows only our own script and connections', async () => {
    const app = await api({ iceServers: [{ urls: 'stun:stun.example.org:3478' }] });
    for (const lang of LANGUAGES) {
      const res = await app.inject(`/self-test?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain(`<html lang="${lang}">`);
      expect(res.body).toContain(`<h1>${SELF_TEST_MESSAGES[lang].title}</h1>`);
      expect(res.body).toContain('<script src="/self-test.js"></script>');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain("unsafe-inline'; script");
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const de = await app.inject({ url: '/self-test', headers: { 'accept-language': 'de-CH,de;q=0.9' } });
    expect(de.body).toContain('Verbindung testen');
  });

  it('escapes the page name and carries settings as JSON that cannot close its script block', async () => {
    const app = await api({ iceServers: [] }, '<script>alert(1)</script> & "Zorg"');
    const body = (await app.inject('/self-test?lang=en')).body;
    expect(body).not.toContain('<script>alert(1)');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Zorg&quot;');
    expect(jsonForScript({ a: '</script><!--', b: '\u2028' })).toBe(
      '{"a":"\\u003c/script\\u003e\\u003c!--","b":"\\u2028"}',
    );
    expect(JSON.parse(jsonForScript({ a: '</script>' }))).toEqual({ a: '</script>' });
  });

  it('serves its script, and a ping that is never cached', async () => {
    const app = await api({ iceServers: [] });
    const js = await app.inject('/self-test.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toContain('RTCPeerConnection');
    // The results are text, never markup.
    expect(js.body).not.toContain('innerHTML');
    const ping = await app.inject('/self-test/ping');
    expect(ping.headers['cache-control']).toBe('no-store');
    expect(typeof ping.json().t).toBe('number');
  });

  it('is absent unless configured', async () => {
    const app = await api(undefined);
    expect((await app.inject('/self-test')).statusCode).toBe(404);
  });

  it('refuses ICE servers that are not STUN/TURN URLs, naming the field', async () => {
    await expect(
      selfTestApi({
        iceServers: [{ urls: 'https://evil.example/"><script>' }, { urls: ['turn:t.example'], username: 7 as never }],
      }),
    ).rejects.toThrow(
      /selfTest\.iceServers\[0\]\.urls must be stun:, stuns:, turn: or turns: URLs[\s\S]*selfTest\.iceServers\[1\]\.username must be a string/,
    );
    await expect(selfTestApi({ iceServers: [], slowMs: -1 })).rejects.toMatchObject({
      code: 'HARTSLAG_ERR_STATUS_CONFIG',
    });
  });
});
