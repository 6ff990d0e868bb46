import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UptimeReader } from '../history/UptimeReader.js';
import { replyError } from '../http/errorReply.js';
import { CHART_LABELS } from '../i18n/chartLabels.js';
import { languageOf } from '../i18n/languageOf.js';
import type { Language } from '../i18n/messages.js';
import { renderFeed } from '../render/feed.js';
import { renderPage } from '../render/page.js';
import { renderRhythmChart } from '../render/rhythmChart.js';
import { PUBLIC_PATHS } from '../render/view.js';
import { renderWidget } from '../render/widget.js';
import { worstState } from '../state/deriveState.js';
import type { ComponentStatus, StatusBoard } from '../state/StatusBoard.js';
import type { StatusStore } from '../store/StatusStore.js';
import { COMPONENT_ID, langQuery } from './schemas.js';

export interface PageRouteOptions {
  board: StatusBoard;
  store: StatusStore;
  uptime: UptimeReader;
  now: () => number;
  page: { name: string; url?: string; timeZone: string };
  /** Absolute public URL of this service; without it, the request's own host is used. */
  publicUrl?: string;
  cacheSeconds: number;
}

const DAY = 86_400_000;
/** Enough history for four previous same weekdays and today. */
const CHART_HISTORY = 29 * DAY;
const HISTORY_DAYS = 90;

/** Pages change with the board, the incidents and the minute: that is the cache key. */
const RENDER_CACHE_MS = 15_000;

/**
 * The human side: the status page, the iframe widget and the Atom feed. No JavaScript anywhere,
 * so the Content-Security-Policy allows none; rendered pages are cached briefly per language.
 */
export async function pageRoutes(app: FastifyInstance, options: PageRouteOptions): Promise<void> {
  const { board, store, uptime, now, page, cacheSeconds } = options;
  const cache = new Map<string, { at: number; body: string }>();

  const baseUrl = (request: FastifyRequest) =>
    (options.publicUrl ?? page.url ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  const cached = async (key: string, render: () => Promise<string>): Promise<string> => {
    const t = now();
    const hit = cache.get(key);
    if (hit !== undefined && t - hit.at < RENDER_CACHE_MS) return hit.body;
    const body = await render();
    if (cache.size > 200) cache.clear();
    cache.set(key, { at: t, body });
    return body;
  };

  const chart = async (s: ComponentStatus, lang: Language, t: number): Promise<string> => {
    const points = await store.volume(s.component.id, t - CHART_HISTORY, t + 1);
    const labels = CHART_LABELS[lang];
    return renderRhythmChart({
      points: points.map((p) => ({ t: p.at, v: p.rate * 60 })),
      now: t,
      timeZone: page.timeZone,
      title: `${labels.title}: ${s.component.names?.[lang] ?? s.component.name}`,
      labels,
    });
  };

  app.get<{ Querystring: { lang?: string } }>(
    '/',
    { schema: { tags: ['page'], summary: 'The status page (HTML, no JavaScript)', querystring: langQuery } },
    async (request, reply) => {
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      const base = baseUrl(request);
      const key = `page\u0000${lang}\u0000${board.version}\u0000${base}`;
      const body = await cached(key, async () => {
        const t = now();
        const statuses = board.all();
        const [components, recent] = await Promise.all([
          Promise.all(
            statuses.map(async (s) => ({
              id: s.component.id,
              name: s.component.names?.[lang] ?? s.component.name,
              ...(s.component.description
                ? { description: s.component.descriptions?.[lang] ?? s.component.description }
                : {}),
              ...(s.component.group === undefined ? {} : { group: s.component.group }),
              state: s.state,
              since: s.since,
              notes: s.notes,
              uptime: await uptime.get(s.component.id),
              chartSvg: await chart(s, lang, t),
            })),
          ),
          store.listIncidents({ limit: 100 }),
        ]);
        const { openIncidents, maintenance } = board.declarations;
        return renderPage({
          lang,
          page: { name: page.name, ...(page.url ? { url: page.url } : {}) },
          baseUrl: base,
          timeZone: page.timeZone,
          generatedAt: t,
          overall: worstState(statuses.map((s) => s.state)),
          components,
          activeIncidents: openIncidents,
          recentIncidents: recent.filter((i) => i.updatedAt >= t - HISTORY_DAYS * DAY),
          maintenance: maintenance.filter((m) => !m.cancelled),
          sourceFresh: board.fresh,
        });
      });
      return sendHtml(reply, body, cacheSeconds, "frame-ancestors 'none'");
    },
  );

  app.get<{ Params: { component: string }; Querystring: { lang?: string } }>(
    '/widget/:component',
    {
      schema: {
        tags: ['page'],
        summary: 'A small HTML widget for an iframe on a partner site',
        params: { type: 'object', properties: { component: { type: 'string', pattern: COMPONENT_ID } } },
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const s = board.get(request.params.component);
      if (s === undefined) return replyError(reply, 404, 'HARTSLAG_ERR_HTTP_UNKNOWN_COMPONENT', 'unknown component');
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      const body = renderWidget({
        lang,
        page: { name: page.name, ...(page.url ? { url: page.url } : {}) },
        baseUrl: baseUrl(request),
        timeZone: page.timeZone,
        generatedAt: now(),
        component: {
          id: s.component.id,
          name: s.component.names?.[lang] ?? s.component.name,
          state: s.state,
          since: s.since,
        },
        sourceFresh: board.fresh,
      });
      // Made to be framed by any partner site.
      return sendHtml(reply, body, cacheSeconds, 'frame-ancestors *');
    },
  );

  app.get<{ Querystring: { lang?: string } }>(
    PUBLIC_PATHS.feed,
    { schema: { tags: ['page'], summary: 'Incidents as an Atom feed', querystring: langQuery } },
    async (request, reply) => {
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      const base = baseUrl(request);
      const body = await cached(`feed\u0000${lang}\u0000${board.version}\u0000${base}`, async () =>
        renderFeed({
          lang,
          page: { name: page.name, ...(page.url ? { url: page.url } : {}) },
          baseUrl: base,
          timeZone: page.timeZone,
          generatedAt: now(),
          incidents: await store.listIncidents({ limit: 50 }),
          components: board.components.map((c) => ({ id: c.id, name: c.names?.[lang] ?? c.name })),
        }),
      );
      reply.header('cache-control', 'public, max-age=60');
      reply.header('vary', 'accept-language');
      return reply.type('application/atom+xml; charset=utf-8').send(body);
    },
  );
}

function sendHtml(reply: FastifyReply, body: string, cacheSeconds: number, frameAncestors: string) {
  reply.header('cache-control', `public, max-age=${cacheSeconds}`);
  reply.header('vary', 'accept-language');
  // Nothing on these pages runs: inline styles and our own images only.
  reply.header(
    'content-security-policy',
    `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; ${frameAncestors}; base-uri 'none'; form-action 'none'`,
  );
  if (frameAncestors.includes("'none'")) reply.header('x-frame-options', 'DENY');
  return reply.type('text/html; charset=utf-8').send(body);
}
