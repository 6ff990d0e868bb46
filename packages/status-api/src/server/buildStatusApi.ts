import Fastify, { type FastifyInstance } from 'fastify';
import type { TokenEntry } from '../auth/TokenRegistry.js';
import { TokenRegistry } from '../auth/TokenRegistry.js';
import type { Component } from '../config/Component.js';
import type { Provider } from '../config/Provider.js';
import { HistoryRecorder } from '../history/HistoryRecorder.js';
import { UptimeReader } from '../history/UptimeReader.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/messages.js';
import { BadgeFastPath } from '../routes/badgeFastPath.js';
import { clientAddress } from '../routes/clientAddress.js';
import { securityHeaders } from '../routes/hygiene.js';
import { ReadLimiter } from '../routes/readLimit.js';
import type { SelfTestOptions } from '../selftest/SelfTestOptions.js';
import type { StatusSource } from '../state/State.js';
import { StatusBoard } from '../state/StatusBoard.js';
import { openStore } from '../store/openStore.js';
import type { StatusStore } from '../store/StatusStore.js';
import { fastPathServer } from './fastPathServer.js';
import { registerRoutes } from './registerRoutes.js';

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
  /**
   * The browser self-test at /self-test (API latency, WebSocket echo, reaching the STUN/TURN
   * servers of video calls); absent: no self-test routes.
   */
  selfTest?: SelfTestOptions;
  /** The operator's log for failures no visitor should see. Default: stderr. */
  log?: (message: string, err?: unknown) => void;
}

export interface StatusApi {
  app: FastifyInstance;
  board: StatusBoard;
  store: StatusStore;
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
    serverFactory: fastPathServer(fastPath),
  });
  securityHeaders(app);
  app.decorate('pageLanguage', options.page.language ?? DEFAULT_LANGUAGE);
  await registerRoutes(app, {
    page: { ...options.page, timeZone: options.page.timeZone ?? 'Europe/Amsterdam' },
    board,
    store,
    uptime: new UptimeReader(store, now),
    tokens: new TokenRegistry(options.tokens ?? []),
    fastPath,
    readLimiter,
    writesPerMinute: limits === false ? false : limits.writesPerMinute,
    refreshMs,
    now,
    selfTest: options.selfTest,
  });

  let unwatch = () => {};
  app.addHook('onReady', async () => {
    await board.refresh();
    board.start();
    // Another replica's incident shows here within moments, not one refresh later.
    unwatch = store.watch(() => {
      board.redeclare().catch((err) => log('cannot read the declarations another replica wrote', err));
    });
  });
  // Before fastify starts refusing requests with 503, so the fast path does not outlive it.
  app.addHook('preClose', (done) => {
    fastPath.close();
    done();
  });
  app.addHook('onClose', async () => {
    unwatch();
    board.stop();
    await board.settle();
    await history.flush().catch((err) => log('cannot write history at close', err));
    if (ownStore) await store.close();
  });
  return { app, board, store };
}
