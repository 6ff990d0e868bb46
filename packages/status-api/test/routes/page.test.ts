import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { PAGE_MESSAGES } from '../../src/i18n/pageMessages.js';
import { auth, TOKENS, useStatusApi } from './support.js';

const api = useStatusApi();
const HOSTILE = '<script>alert("x")</script> ]]> \u202eشبكة 🩺 "q" \'s\' &amp;';

async function withHostileIncident() {
  const s = await api();
  const res = await s.app.inject({
    method: 'POST',
    url: '/v1/incidents',
    headers: auth(TOKENS.ops),
    payload: { title: { nl: HOSTILE }, impact: 'minor', components: ['dispensations'], body: { nl: HOSTILE } },
  });
  expect(res.statusCode).toBe(201);
  return s;
}

describe('GET / (the status page)', () => {
  it('serves HTML in the negotiated language under a CSP that runs nothing and forbids framing', async () => {
    const { app } = await api();
    const res = await app.inject({ url: '/', headers: { 'accept-language': 'fr-BE,fr;q=0.9,en;q=0.5' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.body).toMatch(/<html lang="fr"/);
    expect((await app.inject('/?lang=de')).body).toMatch(/<html lang="de"/);
    expect((await app.inject('/?lang=xx')).statusCode).toBe(400);
  });

  it('renders incident text from the write API escaped, never as markup', async () => {
    const { app } = await withHostileIncident();
    const body = (await app.inject('/')).body;
    expect(body).not.toContain('<script');
    expect(body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(body).toContain('&amp;amp;');
  });

  it('says it cannot tell when the source stopped answering', async () => {
    const { app, board, source } = await api();
    source.next = new Error('prometheus down');
    await board.refresh();
    const body = (await app.inject('/?lang=nl')).body;
    expect(body).toContain(PAGE_MESSAGES.nl.staleTitle);
    expect(body).not.toContain('prometheus down');
  });
});

describe('GET /feed.atom', () => {
  it('is valid XML with hostile incident text escaped', async () => {
    const { app } = await withHostileIncident();
    const res = await app.inject('/feed.atom');
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(res.body).feed;
    const entry = Array.isArray(feed.entry) ? feed.entry[0] : feed.entry;
    expect(String(entry.title['#text'] ?? entry.title)).toContain('<script>');
  });
});

describe('GET /widget/:component', () => {
  it('may be framed anywhere, and 404s for unknown components', async () => {
    const { app } = await api();
    const res = await app.inject('/widget/dispensations?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.body).toContain('Verstrekkingen');
    expect((await app.inject('/widget/nope')).statusCode).toBe(404);
  });
});

describe('GET /badge/:component/uptime.svg', () => {
  it('has no figure before any history, and one once minutes are recorded', async () => {
    const { app, store, clock } = await api();
    const first = await app.inject('/badge/dispensations/uptime.svg?lang=en');
    expect(first.statusCode).toBe(200);
    expect(XMLValidator.validate(first.body)).toBe(true);
    expect(first.body).toContain('unknown');
    const minute = Math.floor(clock.now / 60_000) * 60_000;
    await store.recordStates([
      ...Array.from({ length: 99 }, (_, i) => ({
        component: 'medication-history',
        minute: minute - (i + 1) * 60_000,
        state: 'operational' as const,
      })),
      { component: 'medication-history', minute: minute - 100 * 60_000, state: 'major_outage' },
    ]);
    const res = await app.inject('/badge/medication-history/uptime.svg?window=24h&lang=en');
    expect(res.body).toContain('99.00%');
    expect(res.body).toContain('uptime 24h');
    const json = (await app.inject('/v1/components/medication-history')).json();
    expect(json.uptime['24h']).toEqual({ ratio: 0.99, coverage: 100 / 1440 });
    expect((await app.inject('/badge/medication-history/uptime.svg?window=1y')).statusCode).toBe(400);
  });
});
