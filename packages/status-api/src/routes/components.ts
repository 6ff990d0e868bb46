import type { FastifyInstance } from 'fastify';
import { languageOf } from '../app.js';
import { LANGUAGES, MESSAGES } from '../i18n/messages.js';
import { worstState } from '../state/deriveState.js';
import type { State } from '../state/State.js';
import type { ComponentStatus, StatusBoard } from '../state/StatusBoard.js';

/** Statuspage's overall indicator for the worst component state. */
const INDICATOR: Record<State, string> = {
  operational: 'none',
  degraded: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
  maintenance: 'maintenance',
  unknown: 'unknown',
};

const langQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { lang: { type: 'string', enum: [...LANGUAGES] } },
} as const;

/**
 * The status JSON, in a shape close to Statuspage's summary.json so existing status widgets read
 * it: page, overall status, components. Incidents and maintenance come with the incident store.
 */
export async function componentRoutes(
  app: FastifyInstance,
  { board, page }: { board: StatusBoard; page: { name: string; url?: string } },
): Promise<void> {
  app.get<{ Querystring: { lang?: string } }>(
    '/v1/status',
    { schema: { querystring: langQuery } },
    async (request, reply) => {
      const lang = languageOf(request.query, request.headers['accept-language']);
      const statuses = board.all();
      const overall = worstState(statuses.map((s) => s.state));
      reply.header('cache-control', 'public, max-age=15');
      return {
        page: { name: page.name, ...(page.url ? { url: page.url } : {}), updated_at: iso(board.lastRefresh) },
        status: { indicator: INDICATOR[overall], state: overall, description: MESSAGES[lang].states[overall] },
        components: statuses.map((s) => componentJson(s, lang)),
        incidents: [],
        scheduled_maintenances: [],
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>(
    '/v1/components/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } } },
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const status = board.get(request.params.id);
      if (status === undefined) return reply.code(404).send({ error: 'unknown component', statusCode: 404 });
      reply.header('cache-control', 'public, max-age=15');
      return {
        ...componentJson(status, languageOf(request.query, request.headers['accept-language'])),
        reasons: status.reasons,
      };
    },
  );
}

function componentJson(s: ComponentStatus, lang: (typeof LANGUAGES)[number]) {
  return {
    id: s.component.id,
    name: s.component.name,
    ...(s.component.description ? { description: s.component.description } : {}),
    status: s.state,
    status_text: MESSAGES[lang].states[s.state],
    updated_at: iso(s.since),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
