import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UptimeReader } from '../history/UptimeReader.js';
import { replyError } from '../http/errorReply.js';
import { languageOf } from '../i18n/languageOf.js';
import { type Language, MESSAGES } from '../i18n/messages.js';
import { worstState } from '../state/deriveState.js';
import type { State } from '../state/State.js';
import type { ComponentStatus, StatusBoard } from '../state/StatusBoard.js';
import { incidentJson, maintenanceJson } from './incidentJson.js';
import { COMPONENT_ID, langQuery } from './schemas.js';

/** Statuspage's overall indicator for the worst component state. */
const INDICATOR: Record<State, string> = {
  operational: 'none',
  degraded: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
  maintenance: 'maintenance',
  unknown: 'unknown',
};

/**
 * The status JSON, in a shape close to Statuspage's summary.json so existing status widgets read
 * it: page, overall status, components, open incidents, maintenance in progress or scheduled.
 */
export async function componentRoutes(
  app: FastifyInstance,
  {
    board,
    page,
    uptime,
    now,
  }: {
    board: StatusBoard;
    page: { name: string; url?: string };
    uptime: UptimeReader;
    now: () => number;
  },
): Promise<void> {
  app.get<{ Querystring: { lang?: string } }>(
    '/v1/status',
    {
      schema: {
        tags: ['status'],
        summary: 'The whole page: overall state, components, incidents, maintenance',
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      if (revalidated(request, reply, `"s${board.version}-${lang}"`)) return reply;
      const statuses = board.all();
      const overall = worstState(statuses.map((s) => s.state));
      const t = now();
      const { openIncidents, maintenance } = board.declarations;
      return {
        page: { name: page.name, ...(page.url ? { url: page.url } : {}), updated_at: iso(board.lastRefresh) },
        status: { indicator: INDICATOR[overall], state: overall, description: MESSAGES[lang].states[overall] },
        components: statuses.map((s) => componentJson(s, lang)),
        incidents: openIncidents.map((i) => incidentJson(i, lang)),
        scheduled_maintenances: maintenance.filter((m) => !m.cancelled).map((m) => maintenanceJson(m, lang, t)),
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>(
    '/v1/components/:id',
    {
      schema: {
        tags: ['status'],
        summary: 'One component: state, reasons, uptime over 24h, 7d, 30d and 90d',
        params: { type: 'object', properties: { id: { type: 'string', pattern: COMPONENT_ID } } },
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const status = board.get(request.params.id);
      if (status === undefined)
        return replyError(reply, 404, 'HARTSLAG_ERR_HTTP_UNKNOWN_COMPONENT', 'unknown component');
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      const figures = await uptime.get(status.component.id);
      reply.header('cache-control', 'public, max-age=15');
      return {
        ...componentJson(status, lang),
        reasons: status.reasons,
        uptime: Object.fromEntries(figures.map((u) => [u.window, { ratio: u.ratio ?? null, coverage: u.coverage }])),
      };
    },
  );
}

/** ETag and 304 for JSON that only changes when the board does. */
export function revalidated(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  reply.header('cache-control', 'public, max-age=15');
  reply.header('vary', 'accept-language');
  if (request.headers['if-none-match'] !== etag) return false;
  void reply.code(304).send();
  return true;
}

function componentJson(s: ComponentStatus, lang: Language) {
  return {
    id: s.component.id,
    name: s.component.names?.[lang] ?? s.component.name,
    ...(s.component.description ? { description: s.component.descriptions?.[lang] ?? s.component.description } : {}),
    ...(s.component.group === undefined ? {} : { group: s.component.group }),
    status: s.state,
    status_text: MESSAGES[lang].states[s.state],
    updated_at: iso(s.since),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
