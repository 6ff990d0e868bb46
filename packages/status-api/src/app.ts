import { createServer, type ServerOptions } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { requireScope } from './auth/requireScope.js';
import { type TokenEntry, TokenRegistry } from './auth/TokenRegistry.js';
import type { Component } from './config/Component.js';
import type { Provider } from './config/Provider.js';
import { HistoryRecorder } from './history/HistoryRecorder.js';
import { UptimeReader } from './history/UptimeReader.js';
import { DEFAULT_LANGUAGE, type Language } from './i18n/messages.js';
import { auditRoutes } from './routes/audit.js';
import { badgeRoutes } from './routes/badge.js';
import { BadgeFastPath } from './routes/badgeFastPath.js';
import { clientAddress } from './routes/clientAddress.js';
import { componentRoutes } from './routes/components.js';
import { healthRoutes } from './routes/health.js';
import { securityHeaders } from './routes/hygiene.js';
import { incidentRoutes, type WriteGuard } from './routes/incidents.js';
import { maintenanceRoutes } from './routes/maintenance.js';
import { pageRoutes } from './routes/page.js';
import { ReadLimiter, readRateLimit } from './routes/readLimit.js';
import type { StatusSource } from './state/State.js';
import { StatusBoard } from './state/StatusBoard.js';
import { openStore } from './store/openStore.js';
import type { StatusStore } from './store/StatusStore.js';

export interface StatusApiOptions {
  page: {
    name: string;
    /** The public address of this page: embed snippets and feed links use it. */
    url?: string;
    /** Times on the page and the "usual day" chart. Default Europe/Amsterdam. */
    timeZone?: string;
    /** For visitors whose browser asks for none of nl, fr, en, de. Default nl. */
    language?: Language;
  };
  components: Component[];
  providers?: Provider[];
  source: StatusSource;
  /** Incidents, maintenance and history. Default: an in-memory SQLite store, gone at close. */
  store?: StatusStore;
  /** Whether closing the app closes the given store too (after the last history write). Default false. */
  closeStore?: boolean;
  /** Tokens of the write API as sha256 digests with scopes; none: every write is refused. */
  tokens?: TokenEntry[];
  /** Per client IP; false turns limiting off (behind a CDN that limits). */
  rateLimit?: { readsPerMinute: number; writesPerMinute: number } | false;
  /**
   * Whether to believe X-Forwarded-For (fastify's trustProxy): only behind a proxy you run, or a
   * client could pick its own rate-limit key. Default false.
   */
  trustProxy?: boolean | string | string[];
  /** How often the source is read, ms. Default 15 s. */
  refreshMs?: number;
  /** A reading older than this gives `unknown`, ms. Default: one refresh interval and a half. */
  staleAfterMs?: number;
  now?: () => number;
  /** The operator's log for failures no visitor should see. Default: stderr. */
  log?: (message: string, err?: unknown) => void;
}

export interface StatusApi {
  app: FastifyInstance;
  board: StatusBoard;
  store: StatusStore;
}

/** The server options fastify hands a serverFactory, its defaults filled in. */
interface ServerSettings {
  http?: ServerOptions;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
}

export const DEFAULT_RATE_LIMIT = { readsPerMinute: 600, writesPerMinute: 30 } as const;

/**
 * The public status service: badge, shields endpoint, status JSON and page, incidents and
 * maintenance, health. Reads the source on a timer (started by `app.ready()`), never per request.
 */
export async function buildStatusApi(options: StatusApiOptions): Promise<StatusApi> {
  const refreshMs = options.refreshMs ?? 15_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string, err?: unknown) => console.error(`status-api: ${message}`, err ?? ''));
  const ownStore = options.store === undefined || options.closeStore === true;
  const store = options.store ?? (await openStore({ sqlitePath: ':memory:' }));
  const history = new HistoryRecorder(store);
  const board = new StatusBoard(options.components, options.source, {
    refreshMs,
    staleAfterMs: options.staleAfterMs ?? refreshMs * 1.5,
    now,
    providers: options.providers ?? [],
    declarations: async () => {
      const [openIncidents, maintenance] = await Promise.all([
        store.listIncidents({ open: true, limit: 100 }),
        store.listMaintenance({ endsAfter: now(), limit: 100 }),
      ]);
      return { openIncidents, maintenance };
    },
    onRefresh: (statuses, reading, at) => history.observe(statuses, reading, at),
    onError: (err, what) => log(`cannot read or write ${what}`, err),
  });
  const uptime = new UptimeReader(store, now);

  const limits = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const trustProxy = options.trustProxy ?? false;
  const readLimiter = limits === false ? undefined : new ReadLimiter(limits.readsPerMinute, 60_000, now);
  const addressOf = clientAddress(trustProxy);
  const fastPath = new BadgeFastPath(
    board,
    readLimiter === undefined ? undefined : (req) => readLimiter.take(addressOf(req)),
  );

  const app = Fastify({
    // No request logging by default: public endpoints see every partner's page views.
    logger: false,
    trustProxy,
    // Unknown body fields are errors, not silently dropped: a typo in `impact` must not pass.
    ajv: { customOptions: { removeAdditional: false } },
    // The server fastify would make, with the badge's fast path in front of fastify's handler.
    serverFactory: (handler, resolved) => {
      const settings = resolved as unknown as ServerSettings;
      const server = createServer(settings.http ?? {}, (req, res) => {
        if (!fastPath.serve(req, res)) handler(req, res);
      });
      // What fastify sets on a server it makes itself (lib/server.js).
      server.keepAliveTimeout = settings.keepAliveTimeout;
      server.requestTimeout = settings.requestTimeout;
      server.setTimeout(settings.connectionTimeout);
      if (settings.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
      return server;
    },
  });
  securityHeaders(app);
  app.decorate('pageLanguage', options.page.language ?? DEFAULT_LANGUAGE);
  await app.register(swagger, {
    openapi: {
      info: {
        title: `${options.page.name} status API`,
        version: '1',
        description: 'Public status, badge and incidents; writes need a bearer token with a scope.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  if (readLimiter !== undefined) {
    // Probes of the orchestrator come often and from few addresses.
    readRateLimit(app, readLimiter, (request) => request.url === '/healthz' || request.url === '/readyz');
    // Writes: per route (config.rateLimit on each write route), not global.
    await app.register(rateLimit, { global: false });
  }

  const tokens = new TokenRegistry(options.tokens ?? []);
  const guard: WriteGuard = {
    require: (scope) => requireScope(tokens, scope),
    actorOf: (request) => ({ name: request.actor?.name ?? 'unknown' }),
    rateLimit: limits === false ? false : { max: limits.writesPerMinute, timeWindow: 60_000 },
  };
  const cacheSeconds = Math.ceil(refreshMs / 1000);
  await app.register(healthRoutes, { board });
  await app.register(badgeRoutes, { board, cacheSeconds, uptime, fastPath });
  await app.register(componentRoutes, { board, page: options.page, uptime, now });
  await app.register(incidentRoutes, { store, board, guard, now });
  await app.register(maintenanceRoutes, { store, board, guard, now });
  await app.register(auditRoutes, { store, guard });
  await app.register(pageRoutes, {
    board,
    store,
    uptime,
    now,
    page: { ...options.page, timeZone: options.page.timeZone ?? 'Europe/Amsterdam' },
    cacheSeconds,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Browsers ask for it on every page view; an empty answer they may cache beats a 404 per visit.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.code(204).header('cache-control', 'public, max-age=86400').send(),
  );
  app.decorateRequest('actor', undefined);

  app.addHook('onReady', async () => {
    await board.refresh();
    board.start();
  });
  // Before fastify starts refusing requests with 503, so the fast path does not outlive it.
  app.addHook('preClose', (done) => {
    fastPath.close();
    done();
  });
  app.addHook('onClose', async () => {
    board.stop();
    await board.settle();
    await history.flush().catch((err) => log('cannot write history at close', err));
    if (ownStore) await store.close();
  });
  return { app, board, store };
}
