import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { healthy, useStatusApi } from './support.js';

const api = useStatusApi();

/** The texts of an SVG badge, parsed as XML (it must be well-formed). */
function texts(svg: string): string[] {
  expect(XMLValidator.validate(svg)).toBe(true);
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k !== 'text' && k !== 'title') {
          walk(v);
          continue;
        }
        for (const t of Array.isArray(v) ? v : [v]) {
          out.push(String(typeof t === 'object' ? (t as { '#text'?: string })['#text'] : t));
        }
      }
    }
  };
  walk(new XMLParser({ ignoreAttributes: true }).parse(svg));
  return out;
}

describe('GET /badge/:component.svg', () => {
  it('draws a well-formed SVG badge with the component name and its state, in Dutch by default', async () => {
    const { app } = await api();
    const res = await app.inject('/badge/medication-history.svg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(texts(res.body)).toContain('Medicatiehistorie');
    expect(texts(res.body)).toContain('werkt');
  });

  it('speaks the language of ?lang or Accept-Language', async () => {
    const { app } = await api();
    const fr = await app.inject({
      url: '/badge/medication-history.svg',
      headers: { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' },
    });
    expect(texts(fr.body)).toContain('opérationnel');
    const de = await app.inject({ url: '/badge/medication-history.svg?lang=de', headers: { 'accept-language': 'fr' } });
    expect(texts(de.body)).toContain('in Betrieb');
  });

  it('turns red and says so when the component is down, and grey when the source is silent', async () => {
    const { app, board, source, clock } = await api();
    source.next = () => ({
      at: clock.now,
      slos: new Map([
        [
          'fetch-medication-history',
          {
            ...healthy('fetch-medication-history'),
            outage: { active: true, seconds: 240, limit: 600 },
            firing: [{ alertname: 'HartslagErrorBudgetBurn', severity: 'page' }],
          },
        ],
      ]),
    });
    await board.refresh();
    const down = await app.inject('/badge/medication-history.svg?lang=en');
    expect(texts(down.body)).toContain('major outage');
    expect(down.body).toContain('#dd4343'); // shields' red
    source.next = new Error('connect ECONNREFUSED 10.1.2.3:9090');
    await board.refresh();
    const unknown = await app.inject('/badge/medication-history.svg?lang=en');
    expect(texts(unknown.body)).toContain('unknown');
    expect(unknown.body).not.toContain('10.1.2.3');
  });

  it('says unknown once the last reading is older than one and a half refresh intervals, even without a refresh', async () => {
    const { app, clock } = await api();
    clock.now += 22_000;
    expect(texts((await app.inject('/badge/medication-history.svg?lang=en')).body)).toContain('operational');
    clock.now += 1_000;
    expect(texts((await app.inject('/badge/medication-history.svg?lang=en')).body)).toContain('unknown');
  });

  it('draws each style, and escapes a label that tries to inject markup', async () => {
    const { app } = await api();
    for (const style of ['flat', 'flat-square', 'for-the-badge']) {
      const res = await app.inject(`/badge/medication-history.svg?style=${style}`);
      expect(res.statusCode).toBe(200);
      texts(res.body);
    }
    const label = '<script>alert(1)</script>"]]>';
    const res = await app.inject(`/badge/medication-history.svg?label=${encodeURIComponent(label)}`);
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain(']]>');
    expect(texts(res.body).some((t) => t.includes('alert(1)'))).toBe(true);
  });

  it('answers 304 to a matching If-None-Match, with a cache lifetime of one refresh interval', async () => {
    const { app } = await api();
    const first = await app.inject('/badge/dispensations.svg');
    expect(first.headers['cache-control']).toBe('public, max-age=15');
    const again = await app.inject({
      url: '/badge/dispensations.svg',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('sends the same hygiene from its prebuilt answer as every other public response, and a new ETag on a new state', async () => {
    const { app, board, source, clock } = await api();
    const hygiene = [
      'x-content-type-options',
      'referrer-policy',
      'access-control-allow-origin',
      'content-security-policy',
    ];
    const viaReply = await app.inject('/badge/no-such-thing.svg'); // the 404 goes through reply + onSend
    const prebuilt = await app.inject('/badge/medication-history.svg');
    for (const name of hygiene) expect(prebuilt.headers[name], name).toBe(viaReply.headers[name]);
    expect(prebuilt.headers.vary).toBe('accept-language');
    expect(Number(prebuilt.headers['content-length'])).toBe(Buffer.byteLength(prebuilt.body));
    const notModified = await app.inject({
      url: '/badge/medication-history.svg',
      headers: { 'if-none-match': String(prebuilt.headers.etag) },
    });
    expect(notModified.statusCode).toBe(304);
    for (const name of [...hygiene, 'etag', 'cache-control', 'vary']) {
      expect(notModified.headers[name], name).toBe(prebuilt.headers[name]);
    }
    expect(notModified.headers['content-length']).toBeUndefined();

    source.next = () => ({
      at: clock.now,
      slos: new Map([
        [
          'fetch-medication-history',
          { ...healthy('fetch-medication-history'), outage: { active: true, seconds: 60, limit: 600 } },
        ],
      ]),
    });
    await board.refresh();
    const changed = await app.inject({
      url: '/badge/medication-history.svg',
      headers: { 'if-none-match': String(prebuilt.headers.etag) },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(prebuilt.headers.etag);
  });

  it('rejects an unknown style or language with a 400 naming the field', async () => {
    const { app } = await api();
    const res = await app.inject('/badge/medication-history.svg?style=plastic');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('style');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect((await app.inject('/badge/medication-history.svg?lang=xx')).statusCode).toBe(400);
  });

  it('answers an unknown component with a 404 badge, not a broken image', async () => {
    const { app } = await api();
    const res = await app.inject('/badge/no-such-thing.svg');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    texts(res.body);
  });
});

describe('GET /v1/shields/:component.json', () => {
  it('answers in the shields.io endpoint-badge schema', async () => {
    const { app } = await api();
    const res = await app.inject('/v1/shields/dispensations.json?lang=en');
    expect(res.json()).toEqual({
      schemaVersion: 1,
      label: 'verstrekkingen',
      message: 'operational',
      color: 'brightgreen',
      isError: false,
    });
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});
