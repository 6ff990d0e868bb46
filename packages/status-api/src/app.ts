import Fastify, { type FastifyInstance } from 'fastify';
import type { Component } from './config/Component.js';
import { isLanguage, type Language, negotiateLanguage } from './i18n/messages.js';
import { badgeRoutes } from './routes/badge.js';
import { componentRoutes } from './routes/components.js';
import { healthRoutes } from './routes/health.js';
import { securityHeaders } from './routes/hygiene.js';
import type { StatusSource } from './state/State.js';
import { StatusBoard } from './state/StatusBoard.js';

export interface StatusApiOptions {
  page: { name: string; url?: string };
  components: Component[];
  source: StatusSource;
  /** How often the source is read, ms. Default 15 s. */
  refreshMs?: number;
  /** A reading older than this gives `unknown`, ms. Default: one refresh interval and a half. */
  staleAfterMs?: number;
  now?: () => number;
}

export interface StatusApi {
  app: FastifyInstance;
  board: StatusBoard;
}

/**
 * The public status service: badge, shields endpoint, status JSON, health. Reads the source on a
 * timer (started by `app.ready()`), never per request.
 */
export async function buildStatusApi(options: StatusApiOptions): Promise<StatusApi> {
  const refreshMs = options.refreshMs ?? 15_000;
  const board = new StatusBoard(options.components, options.source, {
    refreshMs,
    staleAfterMs: options.staleAfterMs ?? refreshMs * 1.5,
    now: options.now ?? Date.now,
  });
  // No request logging by default: public endpoints see every partner's page views.
  const app = Fastify({ logger: false, trustProxy: true });
  securityHeaders(app);
  app.decorate('board', board);
  await app.register(healthRoutes, { board });
  await app.register(badgeRoutes, { board, cacheSeconds: Math.ceil(refreshMs / 1000) });
  await app.register(componentRoutes, { board, page: options.page });
  app.addHook('onReady', async () => {
    await board.refresh();
    board.start();
  });
  app.addHook('onClose', async () => board.stop());
  return { app, board };
}

/** `?lang=` when valid, else the Accept-Language header's best match. */
export function languageOf(query: { lang?: string }, header: string | undefined): Language {
  return isLanguage(query.lang) ? query.lang : negotiateLanguage(header);
}
