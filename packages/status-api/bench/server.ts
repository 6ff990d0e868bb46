/*
 * One server for the benchmark, in its own process so the load generator does not share its event
 * loop: `badge` is the status API as deployed (hooks, headers, schema validation, rate limiting
 * when asked); `fixed` a bare fastify route returning a fixed string — the same SVG bytes the badge
 * route sends, so both move the same payload — the baseline; `fixed-headers` the same bare route
 * that also sends the response headers the badge route must send (same bytes on the wire).
 * Prints the URL on stdout once listening.
 */
import Fastify from 'fastify';
import { buildStatusApi } from '../src/index.js';
import { renderBadge } from '../src/render/badge.js';

const kind = process.argv[2];
const component = { id: 'medication-history', name: 'Medicatiehistorie', slos: ['fetch-medication-history'] };

if (kind === 'fixed' || kind === 'fixed-headers') {
  const app = Fastify({ logger: false });
  const body = renderBadge({ label: 'Medicatiehistorie', state: 'operational', lang: 'nl', style: 'flat' });
  const headers = {
    etag: '"1-1abcdef"',
    'cache-control': 'public, max-age=1',
    vary: 'accept-language',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'access-control-allow-origin': '*',
  };
  app.get('/fixed', async (_request, reply) => {
    if (kind === 'fixed-headers') reply.headers(headers);
    return reply.type('image/svg+xml; charset=utf-8').send(body);
  });
  console.log(await app.listen({ host: '127.0.0.1', port: 0 }));
} else if (kind === 'badge' || kind === 'badge-limited') {
  const { app } = await buildStatusApi({
    page: { name: 'Apotheek Datahub' },
    components: [component],
    source: {
      kind: 'embedded',
      read: async () => ({
        at: Date.now(),
        slos: new Map([
          [
            'fetch-medication-history',
            {
              slo: 'fetch-medication-history',
              budgetRemaining: 0.9,
              errorRatio5m: 0,
              outage: { active: false, seconds: 0, limit: 600 },
              silent: false,
              firing: [],
            },
          ],
        ]),
      }),
    },
    refreshMs: 1000,
    // The load comes from one address: a limit high enough never to answer 429, still counted.
    rateLimit: kind === 'badge-limited' ? { readsPerMinute: 1e9, writesPerMinute: 30 } : false,
  });
  console.log(await app.listen({ host: '127.0.0.1', port: 0 }));
} else {
  console.error('usage: server.ts fixed|fixed-headers|badge|badge-limited');
  process.exit(2);
}

// A normal exit, so `node --cpu-prof` writes its profile when the benchmark stops the server.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
