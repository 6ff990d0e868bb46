import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { beforeBody } from '../auth/requireScope.js';
import type { Scope } from '../auth/scopes.js';
import { errorResponse, replyError } from '../http/errorReply.js';
import { languageOf } from '../i18n/languageOf.js';
import { LANGUAGES, MESSAGES } from '../i18n/messages.js';
import type { Texts } from '../incidents/model.js';
import type { StatusBoard } from '../state/StatusBoard.js';
import type { Actor, IncidentChange, NewIncident, StatusStore } from '../store/StatusStore.js';
import { idempotencyHeader, writeOnce } from './idempotency.js';
import { incidentJson } from './incidentJson.js';
import {
  BODY_MAX,
  componentList,
  idParams,
  impact,
  incidentStatus,
  langQuery,
  openIncidentStatus,
  TITLE_MAX,
  texts,
} from './schemas.js';

/** How the write routes are guarded: a preParsing hook per scope (`beforeBody`), and who passed it. */
export interface WriteGuard {
  require(scope: Scope): ReturnType<typeof beforeBody>;
  actorOf(request: FastifyRequest): Actor;
  /** Per-route rate limit config for writes (fastify-rate-limit's route `config.rateLimit`). */
  rateLimit: { max: number; timeWindow: number } | false;
}

export interface IncidentRouteOptions {
  store: StatusStore;
  board: StatusBoard;
  guard: WriteGuard;
  now: () => number;
}

const bearer = [{ bearer: [] }];

/**
 * Incidents: public reads, and writes for token holders with `incidents:write`. A write is
 * answered once the store committed it (with its audit row), then this replica's board takes it
 * in at once; other replicas when the store announces it (PostgreSQL NOTIFY), within moments.
 */
export async function incidentRoutes(app: FastifyInstance, options: IncidentRouteOptions): Promise<void> {
  const { store, board, guard, now } = options;
  const known = new Set(board.components.map((c) => c.id));
  const writeConfig = guard.rateLimit === false ? {} : { rateLimit: guard.rateLimit };

  app.get<{ Querystring: { lang?: string; limit?: number; before?: number; open?: boolean } }>(
    '/v1/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents, newest first',
        querystring: {
          type: 'object',
          properties: {
            ...langQuery.properties,
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
            before: { type: 'integer', minimum: 1, description: 'only incidents with a smaller id (paging)' },
            open: { type: 'boolean', description: 'only unresolved incidents' },
          },
        },
      },
    },
    async (request, reply) => {
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      const list = await store.listIncidents({
        limit: request.query.limit ?? 25,
        ...(request.query.before === undefined ? {} : { before: request.query.before }),
        ...(request.query.open ? { open: true } : {}),
      });
      reply.header('cache-control', 'public, max-age=15');
      return { incidents: list.map((i) => incidentJson(i, lang)) };
    },
  );

  app.get<{ Params: { id: number }; Querystring: { lang?: string } }>(
    '/v1/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'One incident with its updates',
        params: idParams,
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const incident = await store.getIncident(request.params.id);
      if (incident === undefined) return notFound(reply, 'incident');
      reply.header('cache-control', 'public, max-age=15');
      return incidentJson(
        incident,
        languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage),
      );
    },
  );

  app.post<{ Body: NewIncident & { status?: NewIncident['status'] } }>(
    '/v1/incidents',
    {
      preParsing: guard.require('incidents:write'),
      config: writeConfig,
      schema: {
        tags: ['incidents'],
        summary: 'Open an incident',
        security: bearer,
        headers: idempotencyHeader,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'impact', 'components', 'body'],
          properties: {
            title: texts(TITLE_MAX),
            status: openIncidentStatus,
            impact,
            components: componentList,
            body: texts(BODY_MAX),
          },
        },
        response: { 400: errorResponse, 401: errorResponse, 403: errorResponse, 422: errorResponse },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (!componentsKnown(b.components, known, reply)) return reply;
      const actor = guard.actorOf(request);
      const done = await writeOnce(
        request,
        reply,
        store,
        actor.name,
        now(),
        (s) =>
          s.createIncident(
            {
              title: b.title,
              status: b.status ?? 'investigating',
              impact: b.impact,
              components: b.components,
              body: b.body,
            },
            actor,
            now(),
          ),
        (id) => store.getIncident(id),
      );
      if (done === undefined) return reply;
      const incident = done.value;
      if (incident === undefined) return notFound(reply, 'incident');
      await board.redeclare();
      reply.code(201).header('location', `/v1/incidents/${incident.id}`).header('cache-control', 'no-store');
      return incidentJson(incident, languageOf({}, request.headers['accept-language'], request.server.pageLanguage));
    },
  );

  app.patch<{ Params: { id: number }; Body: IncidentChange }>(
    '/v1/incidents/:id',
    {
      preParsing: guard.require('incidents:write'),
      config: writeConfig,
      schema: {
        tags: ['incidents'],
        summary: 'Post an update: new status, impact, components or title, with a text',
        security: bearer,
        headers: idempotencyHeader,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['body'],
          properties: {
            status: incidentStatus,
            impact,
            components: componentList,
            title: texts(TITLE_MAX),
            body: texts(BODY_MAX),
          },
        },
        response: {
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (b.components !== undefined && !componentsKnown(b.components, known, reply)) return reply;
      const actor = guard.actorOf(request);
      const done = await writeOnce(
        request,
        reply,
        store,
        actor.name,
        now(),
        (s) => s.updateIncident(request.params.id, b, actor, now()),
        (id) => store.getIncident(id),
      );
      if (done === undefined) return reply;
      const incident = done.value;
      if (incident === undefined) return notFound(reply, 'incident');
      await board.redeclare();
      reply.header('cache-control', 'no-store');
      return incidentJson(incident, languageOf({}, request.headers['accept-language'], request.server.pageLanguage));
    },
  );

  app.post<{ Params: { id: number }; Body: { body?: Texts } | undefined }>(
    '/v1/incidents/:id/resolve',
    {
      // `curl -X POST …/resolve` without a body is the common case: it means "no text".
      preValidation: async (request) => {
        request.body ??= {};
      },
      preParsing: guard.require('incidents:write'),
      config: writeConfig,
      schema: {
        tags: ['incidents'],
        summary: 'Resolve an incident',
        security: bearer,
        headers: idempotencyHeader,
        params: idParams,
        body: { type: 'object', additionalProperties: false, properties: { body: texts(BODY_MAX) } },
        response: {
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
          422: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const body: Texts = request.body?.body ?? RESOLVED_TEXT;
      const actor = guard.actorOf(request);
      const done = await writeOnce(
        request,
        reply,
        store,
        actor.name,
        now(),
        (s) => s.updateIncident(request.params.id, { status: 'resolved', body }, actor, now()),
        (id) => store.getIncident(id),
      );
      if (done === undefined) return reply;
      const incident = done.value;
      if (incident === undefined) return notFound(reply, 'incident');
      await board.redeclare();
      reply.header('cache-control', 'no-store');
      return incidentJson(incident, languageOf({}, request.headers['accept-language'], request.server.pageLanguage));
    },
  );
}

/** The update text when a resolve comes without one. */
const RESOLVED_TEXT: Texts = Object.fromEntries(LANGUAGES.map((l) => [l, MESSAGES[l].incidentResolved]));

export function componentsKnown(ids: readonly string[], known: ReadonlySet<string>, reply: FastifyReply): boolean {
  const i = ids.findIndex((id) => !known.has(id));
  if (i < 0) return true;
  void replyError(
    reply,
    400,
    'HARTSLAG_ERR_HTTP_BAD_REQUEST',
    `body/components/${i} is not a component of this page (known: ${[...known].join(', ')})`,
  );
  return false;
}

export function notFound(reply: FastifyReply, what: 'incident' | 'maintenance') {
  const code = what === 'incident' ? 'HARTSLAG_ERR_HTTP_UNKNOWN_INCIDENT' : 'HARTSLAG_ERR_HTTP_UNKNOWN_MAINTENANCE';
  return replyError(reply, 404, code, `no such ${what}`);
}
