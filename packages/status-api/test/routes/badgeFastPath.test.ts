import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BadgeFastPath } from '../../src/routes/badgeFastPath.js';
import { useStatusApi } from './support.js';

const api = useStatusApi();

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request on a fresh connection, with exactly the headers given (fetch would add its own). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const withoutDate = ({ date: _date, ...rest }: Answer['headers']) => rest;

/** Whether each socket request since the spy was made was answered by the fast path. */
function fastPathAnswers() {
  const serve = vi.spyOn(BadgeFastPath.prototype, 'serve');
  return () => serve.mock.results.map((r) => r.value as boolean);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the badge fast path, over a real socket', () => {
  it("repeats the route's answer byte for byte: status, headers and SVG, and 304 to a matching If-None-Match", async () => {
    const { app } = await api();
    const answered = fastPathAnswers();
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const cases: { path: string; headers?: Record<string, string> }[] = [
      { path: '/badge/medication-history.svg' },
      { path: '/badge/dispensations.svg?style=for-the-badge&lang=fr' },
      { path: '/badge/medication-history.svg', headers: { 'accept-language': 'de-DE,de;q=0.9' } },
      { path: `/badge/medication-history.svg?label=${encodeURIComponent('<script>"]]>💊 מרשם')}&_=1732440000` },
    ];
    for (const { path, headers = {} } of cases) {
      const routed = await get(base + path, headers);
      const fast = await get(base + path, headers);
      expect(routed.status, path).toBe(200);
      expect(fast.status, path).toBe(200);
      expect(fast.body.equals(routed.body), path).toBe(true);
      expect(withoutDate(fast.headers), path).toEqual(withoutDate(routed.headers));
      // And what fastify itself answers, past any server listener.
      const injected = await app.inject({ url: path, headers });
      expect(fast.body.toString(), path).toBe(injected.body);
      expect(fast.headers.etag, path).toBe(injected.headers.etag);

      const notModified = await get(base + path, { ...headers, 'if-none-match': String(fast.headers.etag) });
      expect(notModified.status, path).toBe(304);
      expect(notModified.body.length, path).toBe(0);
      for (const name of ['etag', 'cache-control', 'vary', 'content-security-policy', 'access-control-allow-origin']) {
        expect(notModified.headers[name], `${path} ${name}`).toBe(fast.headers[name]);
      }
    }
    expect(answered()).toEqual(cases.flatMap(() => [false, true, true]));
  });

  it('lets fastify answer once the board changes or goes stale, then repeats the new answer', async () => {
    const { app, board, source, clock } = await api();
    const answered = fastPathAnswers();
    const badge = `${await app.listen({ host: '127.0.0.1', port: 0 })}/badge/medication-history.svg?lang=en`;
    await get(badge);
    const before = await get(badge);
    expect(before.body.toString()).toContain('operational');

    source.set({ 'fetch-medication-history': { outage: { active: true, seconds: 700, limit: 600 } } });
    await board.refresh();
    const down = await get(badge);
    expect(down.body.toString()).toContain('major outage');
    expect(down.headers.etag).not.toBe(before.headers.etag);
    expect((await get(badge)).body.equals(down.body)).toBe(true);

    // No refresh at all (a source that hangs): older than one and a half intervals (22.5 s) is unknown.
    clock.now += 23_000;
    const stale = await get(badge);
    expect(stale.body.toString()).toContain('unknown');
    expect((await get(badge)).body.equals(stale.body)).toBe(true);
    expect(answered()).toEqual([false, true, false, true, false, true]);
  });

  it('hands HEAD, unknown components, invalid queries and outsized requests to fastify', async () => {
    const { app } = await api();
    const answered = fastPathAnswers();
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    await get(`${base}/badge/medication-history.svg`);
    const head = await get(`${base}/badge/medication-history.svg`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await get(`${base}/badge/no-such-thing.svg`)).status).toBe(404);
    expect((await get(`${base}/badge/no-such-thing.svg`)).status).toBe(404);
    const invalid = await get(`${base}/badge/medication-history.svg?style=huge`);
    expect(invalid.status).toBe(400);
    expect((await get(`${base}/badge/medication-history.svg?style=huge`)).status).toBe(400);
    // Not remembered, so a flood of them cannot fill memory: 10,000 × 16 KiB of headers.
    const outsized = { 'accept-language': `en;q=0.9,${'x-private;q=0.1,'.repeat(70)}` };
    expect((await get(`${base}/badge/medication-history.svg`, outsized)).status).toBe(200);
    expect((await get(`${base}/badge/medication-history.svg`, outsized)).status).toBe(200);
    expect(answered()).toEqual(new Array(8).fill(false));
  });

  it.each<{ trustProxy: boolean | string | string[]; clients: 'apart' | 'together' }>([
    { trustProxy: true, clients: 'apart' },
    { trustProxy: '127.0.0.1, ::1', clients: 'apart' },
    { trustProxy: false, clients: 'together' },
    { trustProxy: ['10.0.0.0/8'], clients: 'together' },
  ])(
    'counts both paths against one read budget per client (trustProxy $trustProxy: clients $clients)',
    async ({ trustProxy, clients }) => {
      const { app } = await api({ rateLimit: { readsPerMinute: 3, writesPerMinute: 3 }, trustProxy });
      const answered = fastPathAnswers();
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const from = (address: string) => ({ 'x-forwarded-for': address });
      const badge = `${base}/badge/medication-history.svg`;

      const first: number[] = [];
      for (let i = 0; i < 4; i++) first.push((await get(badge, from('203.0.113.7'))).status);
      expect(first).toEqual([200, 200, 200, 429]);
      const limited = await get(`${badge}?v=2`, from('203.0.113.7'));
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      expect(JSON.parse(limited.body.toString()).error).toMatch(/at most 3 requests a minute/);

      const other = await get(badge, from('198.51.100.20'));
      expect(other.status).toBe(clients === 'apart' ? 200 : 429);
      expect(answered()).toEqual([false, true, true, false, false, clients === 'apart']);
    },
  );

  it('keeps the server settings fastify gives a server it makes itself', async () => {
    const { app } = await api();
    await app.listen({ host: '127.0.0.1', port: 0 });
    expect(app.server.keepAliveTimeout).toBe(72_000);
    expect(app.server.requestTimeout).toBe(0);
  });
});
