import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { beforeBody, requireScope } from '../auth/requireScope.js';
import type { TokenRegistry } from '../auth/TokenRegistry.js';
import type { Component } from '../config/Component.js';
import { ConfigError } from '../config/ConfigError.js';
import type { UptimeReader } from '../history/UptimeReader.js';
import type { Language } from '../i18n/messages.js';
import type { PartnersOptions } from '../partners/Partner.js';
import type { PartnerReader } from '../partners/PartnerReader.js';
import type { MonthlyReportSource } from '../reports/monthlyStatusReport.js';
import { auditRoutes } from '../routes/audit.js';
import { badgeRoutes } from '../routes/badge.js';
import type { BadgeFastPath } from '../routes/badgeFastPath.js';
import { componentRoutes } from '../routes/components.js';
import { healthRoutes } from '../routes/health.js';
import { incidentRoutes, type WriteGuard } from '../routes/incidents.js';
import { maintenanceRoutes } from '../routes/maintenance.js';
import { pageRoutes } from '../routes/page.js';
import { partnerRoutes } from '../routes/partners.js';
import { type ReadLimiter, readRateLimit } from '../routes/readLimit.js';
import { reportRoutes } from '../routes/reports.js';
import { selfTestRoutes } from '../routes/selfTest.js';
import { sharedRateStore } from '../routes/sharedRateStore.js';
import { checkSelfTestOptions, type SelfTestOptions } from '../selftest/SelfTestOptions.js';
import type { InstantQuery } from '../source/InstantQuery.js';
import type { StatusBoard } from '../state/StatusBoard.js';
import type { StatusStore } from '../store/StatusStore.js';

/** What the partner routes need besides the rest: none when no partners are configured. */
export interface PartnerContext {
  options: PartnersOptions;
  reader: PartnerReader;
  prometheus: { url: string; instant: InstantQuery; timeoutMs: number };
  slos: readonly string[];
  log: (message: string, err?: unknown) => void;
}

/** What the monthly report route needs: none when the source is not a Prometheus. */
export interface ReportContext {
  components: readonly Component[];
  prometheus: MonthlyReportSource;
  log: (message: string, err?: unknown) => void;
}

/** What the routes read and write, assembled by buildStatusApi. */
export interface RouteContext {
  page: { name: string; url?: string; timeZone: string; language?: Language };
  board: StatusBoard;
  store: StatusStore;
  uptime: UptimeReader;
  tokens: TokenRegistry;
  partners: PartnerContext | undefined;
  fastPath: BadgeFastPath;
  /** Undefined when reads are not limited. */
  readLimiter: ReadLimiter | undefined;
  writesPerMinute: number | false;
  refreshMs: number;
  now: () => number;
  selfTest?: SelfTestOptions | undefined;
  reports?: ReportContext | undefined;
}

/** The OpenAPI description, the limits and every route of the service. */
export async function registerRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { board, store, uptime, now, readLimiter } = ctx;
  await app.register(swagger, {
    openapi: {
      info: {
        title: `${ctx.page.name} status API`,
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
    // Counted in the store, so replicas on one PostgreSQL share one count. A store that fails lets
    // the write through to fail (or not) on its own: the limit must not turn an outage into 500s.
    await app.register(rateLimit, { global: false, store: sharedRateStore(store, now), skipOnError: true });
  }

  const guard: WriteGuard = {
    require: (scope) => beforeBody(requireScope(ctx.tokens, scope)),
    actorOf: (request) => ({ name: request.actor?.name ?? 'unknown' }),
    rateLimit: ctx.writesPerMinute === false ? false : { max: ctx.writesPerMinute, timeWindow: 60_000 },
  };
  const cacheSeconds = Math.ceil(ctx.refreshMs / 1000);
  await app.register(healthRoutes, { board });
  await app.register(badgeRoutes, { board, cacheSeconds, uptime, fastPath: ctx.fastPath });
  await app.register(componentRoutes, { board, page: ctx.page, uptime, now });
  await app.register(incidentRoutes, { store, board, guard, now });
  await app.register(maintenanceRoutes, { store, board, guard, now });
  await app.register(auditRoutes, { store, guard });
  if (ctx.partners !== undefined) {
    await app.register(partnerRoutes, {
      partners: ctx.partners.options,
      reader: ctx.partners.reader,
      tokens: ctx.tokens,
      store,
      prometheus: ctx.partners.prometheus,
      timeZone: ctx.page.timeZone,
      slos: ctx.partners.slos,
      now,
      log: ctx.partners.log,
    });
  }
  if (ctx.reports !== undefined) {
    await app.register(reportRoutes, {
      ...ctx.reports,
      store,
      tokens: ctx.tokens,
      timeZone: ctx.page.timeZone,
      now,
    });
  }
  await app.register(pageRoutes, { board, store, uptime, now, page: ctx.page, cacheSeconds });
  if (ctx.selfTest !== undefined) {
    const problems = checkSelfTestOptions(ctx.selfTest);
    if (problems.length > 0) {
      throw new ConfigError(
        'buildStatusApi options',
        problems.map((message) => ({ path: '', line: 0, column: 0, message })),
      );
    }
    await app.register(selfTestRoutes, { page: ctx.page, selfTest: ctx.selfTest, now });
  }
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Browsers ask for it on every page view; an empty answer they may cache beats a 404 per visit.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.code(204).header('cache-control', 'public, max-age=86400').send(),
  );
  app.decorateRequest('actor', undefined);
}
