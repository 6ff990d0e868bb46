import Fastify, { type FastifyInstance } from 'fastify';
import { AuthError } from '../auth/AuthError.js';
import { partnerOf } from '../auth/scopes.js';
import type { TokenEntry } from '../auth/TokenRegistry.js';
import { TokenRegistry } from '../auth/TokenRegistry.js';
import type { Component } from '../config/Component.js';
import type { Provider } from '../config/Provider.js';
import { HistoryRecorder } from '../history/HistoryRecorder.js';
import { UptimeReader } from '../history/UptimeReader.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/messages.js';
import { findPartner, type PartnersOptions } from '../partners/Partner.js';
import { PartnerReader } from '../partners/PartnerReader.js';
import { BadgeFastPath } from '../routes/badgeFastPath.js';
import { clientAddress } from '../routes/clientAddress.js';
import { securityHeaders } from '../routes/hygiene.js';
import { ReadLimiter } from '../routes/readLimit.js';
import type { SelfTestOptions } from '../selftest/SelfTestOptions.js';
import { InstantQuery } from '../source/InstantQuery.js';
import type { StatusSource } from '../state/State.js';
import { StatusBoard } from '../state/StatusBoard.js';
import { openStore } from '../store/openStore.js';
import type { StatusStore } from '../store/StatusStore.js';
import { fastPathServer } from './fastPathServer.js';
import { type PartnerContext, type ReportContext, registerRoutes } from './registerRoutes.js';

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
  /**
   * Partner views (`/v1/partners/…`): the vendors and tenant groups tokens may be bound to, and the
   * Prometheus their calls are read from. None: no partner routes.
   */
  partners?: PartnersOptions & { prometheus: { url: string; headers?: Record<string, string>; timeoutMs?: number } };
  /**
   * The monthly SLA report (`/v1/reports/<month>`, scope `reports:read`): the Prometheus whose raw
   * counters it counts. None: no report route.
   */
  reports?: { prometheus: { url: string; headers?: Record<string, string>; timeoutMs?: number } };
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
  // Before anything is opened: a token bound to no configured partner stops the start.
  const partners = partnersContext(options, log);
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

  const tokens = new TokenRegistry(options.tokens ?? [], now);
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
    tokens,
    partners,
    fastPath,
    readLimiter,
    writesPerMinute: limits === false ? false : limits.writesPerMinute,
    refreshMs,
    now,
    selfTest: options.selfTest,
    reports: reportsContext(options, log),
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

function reportsContext(
  options: StatusApiOptions,
  log: (message: string, err?: unknown) => void,
): ReportContext | undefined {
  if (options.reports === undefined) return undefined;
  const timeoutMs = options.reports.prometheus.timeoutMs ?? 5000;
  return {
    components: options.components,
    prometheus: {
      url: options.reports.prometheus.url,
      instant: new InstantQuery({ ...options.reports.prometheus, timeoutMs }),
      timeoutMs,
    },
    log,
  };
}

/** The partner routes' context; every partner scope of a token must name a configured partner. */
function partnersContext(
  options: StatusApiOptions,
  log: (message: string, err?: unknown) => void,
): PartnerContext | undefined {
  const partners = options.partners ?? { vendors: [], tenantGroups: [] };
  const unknown = (options.tokens ?? []).flatMap((t) =>
    t.scopes.flatMap((s) => {
      const p = partnerOf(s);
      return p !== undefined && findPartner(partners, p.kind, p.id) === undefined ? [`${t.name}: ${s}`] : [];
    }),
  );
  if (unknown.length > 0) {
    throw new AuthError(
      'HARTSLAG_ERR_AUTH_TOKENS',
      `cannot use these tokens: ${unknown.join('; ')} names no configured partner; list the vendor under ` +
        'partners.vendors or the group under partners.tenantGroups (and give partners.prometheus)',
    );
  }
  if (options.partners === undefined) return undefined;
  const timeoutMs = options.partners.prometheus.timeoutMs ?? 5000;
  const instant = new InstantQuery({ ...options.partners.prometheus, timeoutMs });
  return {
    options: options.partners,
    reader: new PartnerReader(instant, timeoutMs, options.partners.overusePerHour),
    prometheus: { url: options.partners.prometheus.url, instant, timeoutMs },
    slos: [...new Set(options.components.flatMap((c) => c.slos))],
    log,
  };
}
