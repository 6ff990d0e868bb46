import type { FastifyInstance } from 'fastify';
import { languageOf } from '../i18n/languageOf.js';
import { renderSelfTest, SELF_TEST_PATHS } from '../selftest/renderSelfTest.js';
import type { SelfTestOptions } from '../selftest/SelfTestOptions.js';
import { SELF_TEST_SCRIPT } from '../selftest/selfTestScript.js';
import { attachWebSocketEcho } from '../selftest/webSocketEcho.js';
import { langQuery } from './schemas.js';

export interface SelfTestRouteOptions {
  page: { name: string };
  selfTest: SelfTestOptions;
  now: () => number;
}

// Scripts from this service only (never inline), fetch and WebSocket to it only; nothing framed.
const CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The browser self-test: the page, its script, a ping for API latency and a WebSocket echo. */
export async function selfTestRoutes(app: FastifyInstance, options: SelfTestRouteOptions): Promise<void> {
  const { page, selfTest, now } = options;
  app.get<{ Querystring: { lang?: string } }>(
    SELF_TEST_PATHS.page,
    {
      schema: {
        tags: ['page'],
        summary: 'Browser self-test of the connection to the platform',
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', CSP)
        .header('cache-control', 'no-store')
        .header('vary', 'accept-language')
        .send(renderSelfTest(page.name, lang, selfTest));
    },
  );
  app.get(SELF_TEST_PATHS.script, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(SELF_TEST_SCRIPT),
  );
  app.get(
    SELF_TEST_PATHS.ping,
    { schema: { tags: ['page'], summary: 'A tiny answer the self-test times (never cached)' } },
    async (_request, reply) => reply.header('cache-control', 'no-store').send({ t: now() }),
  );
  // The echo lives on the HTTP server itself: fastify's routes never see an upgrade.
  attachWebSocketEcho(app.server, SELF_TEST_PATHS.echo);
}
