import type { FastifyInstance } from 'fastify';
import { errorResponse, replyError } from '../http/errorReply.js';
import { languageOf } from '../i18n/languageOf.js';
import type { Texts } from '../incidents/model.js';
import { declaredWindows } from '../reports/maintenanceWindows.js';
import type { StatusBoard } from '../state/StatusBoard.js';
import type { StatusStore } from '../store/StatusStore.js';
import { idempotencyHeader, writeOnce } from './idempotency.js';
import { maintenanceJson } from './incidentJson.js';
import { componentsKnown, notFound, type WriteGuard } from './incidents.js';
import { BODY_MAX, componentList, idParams, isoTime, langQuery, TITLE_MAX, texts } from './schemas.js';

interface MaintenanceBody {
  title: Texts;
  body: Texts;
  components: string[];
  scheduled_for: string;
  scheduled_until: string;
}

const bearer = [{ bearer: [] }];
/** A window longer than this is a typo (a year instead of a day), not maintenance. */
const MAX_WINDOW_MS = 7 * 86_400_000;

/** The longest range `/v1/maintenance/windows` answers for: a year and a month, for last year's same month. */
const MAX_RANGE_MS = 400 * 86_400_000;

/** Scheduled maintenance: public list, writes with `maintenance:write`. */
export async function maintenanceRoutes(
  app: FastifyInstance,
  { store, board, guard, now }: { store: StatusStore; board: StatusBoard; guard: WriteGuard; now: () => number },
): Promise<void> {
  const known = new Set(board.components.map((c) => c.id));
  const writeConfig = guard.rateLimit === false ? {} : { rateLimit: guard.rateLimit };
  const bodyProperties = {
    title: texts(TITLE_MAX),
    body: texts(BODY_MAX),
    components: componentList,
    scheduled_for: isoTime,
    scheduled_until: isoTime,
  };

  /** Checks the window; replies 400 naming the field and returns undefined when it is wrong. */
  const window = (
    b: Partial<MaintenanceBody>,
    current: { startsAt: number; endsAt: number } | undefined,
    reply: import('fastify').FastifyReply,
  ) => {
    const startsAt = b.scheduled_for === undefined ? current?.startsAt : Date.parse(b.scheduled_for);
    const endsAt = b.scheduled_until === undefined ? current?.endsAt : Date.parse(b.scheduled_until);
    if (startsAt === undefined || endsAt === undefined) return undefined;
    let error: string | undefined;
    if (endsAt <= startsAt) error = 'body/scheduled_until must be after body/scheduled_for';
    else if (endsAt - startsAt > MAX_WINDOW_MS)
      error = 'body/scheduled_until must be at most 7 days after body/scheduled_for';
    else if (b.scheduled_until !== undefined && endsAt <= now()) error = 'body/scheduled_until must be in the future';
    if (error !== undefined) {
      void replyError(reply, 400, 'HARTSLAG_ERR_HTTP_BAD_REQUEST', error);
      return undefined;
    }
    return { startsAt, endsAt };
  };

  app.get<{ Querystring: { lang?: string } }>(
    '/v1/maintenance',
    { schema: { tags: ['maintenance'], summary: 'Maintenance in progress and scheduled', querystring: langQuery } },
    async (request, reply) => {
      const lang = languageOf(request.query, request.headers['accept-language'], request.server.pageLanguage);
      const t = now();
      const list = await store.listMaintenance({ endsAfter: t, limit: 50 });
      reply.header('cache-control', 'public, max-age=15');
      return { scheduled_maintenances: list.map((m) => maintenanceJson(m, lang, t)) };
    },
  );

  // Declared maintenance overlapping a time range, past windows included, with the SLOs of their
  // components: what `hartslag slo report --month` leaves out of a month's figures. Public like the
  // list above: the windows were announced on the page, and the SLO ids appear in its reasons.
  const slosOf = new Map(board.components.map((c) => [c.id, c.slos]));
  app.get<{ Querystring: { from: string; to: string } }>(
    '/v1/maintenance/windows',
    {
      schema: {
        tags: ['maintenance'],
        summary: 'Maintenance windows (not cancelled) overlapping [from, to), with the SLOs they cover',
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          properties: { from: isoTime, to: isoTime },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const from = Date.parse(request.query.from);
      const to = Date.parse(request.query.to);
      if (!(to > from) || to - from > MAX_RANGE_MS) {
        return replyError(
          reply,
          400,
          'HARTSLAG_ERR_HTTP_BAD_REQUEST',
          'querystring/to must be after querystring/from, by at most 400 days',
        );
      }
      const list = await declaredWindows(store, slosOf, from, to);
      reply.header('cache-control', 'public, max-age=15');
      return {
        maintenance: list.map((m) => ({
          id: m.id,
          from: new Date(m.startsAt).toISOString(),
          to: new Date(m.endsAt).toISOString(),
          components: m.components,
          slos: m.slos,
        })),
      };
    },
  );

  app.post<{ Body: MaintenanceBody }>(
    '/v1/maintenance',
    {
      preParsing: guard.require('maintenance:write'),
      config: writeConfig,
      schema: {
        tags: ['maintenance'],
        summary: 'Schedule maintenance',
        security: bearer,
        headers: idempotencyHeader,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'body', 'components', 'scheduled_for', 'scheduled_until'],
          properties: bodyProperties,
        },
        response: { 400: errorResponse, 401: errorResponse, 403: errorResponse, 422: errorResponse },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (!componentsKnown(b.components, known, reply)) return reply;
      const w = window(b, undefined, reply);
      if (w === undefined) return reply;
      const actor = guard.actorOf(request);
      const done = await writeOnce(
        request,
        reply,
        store,
        actor.name,
        now(),
        (s) => s.scheduleMaintenance({ title: b.title, body: b.body, components: b.components, ...w }, actor, now()),
        (id) => store.getMaintenance(id),
      );
      if (done === undefined) return reply;
      const m = done.value;
      if (m === undefined) return notFound(reply, 'maintenance');
      await board.redeclare();
      reply.code(201).header('location', `/v1/maintenance/${m.id}`).header('cache-control', 'no-store');
      return maintenanceJson(m, languageOf({}, request.headers['accept-language'], request.server.pageLanguage), now());
    },
  );

  app.patch<{ Params: { id: number }; Body: Partial<MaintenanceBody> }>(
    '/v1/maintenance/:id',
    {
      preParsing: guard.require('maintenance:write'),
      config: writeConfig,
      schema: {
        tags: ['maintenance'],
        summary: 'Change a maintenance window or its texts',
        security: bearer,
        headers: idempotencyHeader,
        params: idParams,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: bodyProperties },
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
      const current = await store.getMaintenance(request.params.id);
      if (current === undefined || current.cancelled) return notFound(reply, 'maintenance');
      if (b.components !== undefined && !componentsKnown(b.components, known, reply)) return reply;
      const w = window(b, current, reply);
      if (w === undefined) return reply;
      const change = {
        ...(b.title === undefined ? {} : { title: b.title }),
        ...(b.body === undefined ? {} : { body: b.body }),
        ...(b.components === undefined ? {} : { components: b.components }),
        ...w,
      };
      const actor = guard.actorOf(request);
      const done = await writeOnce(
        request,
        reply,
        store,
        actor.name,
        now(),
        (s) => s.updateMaintenance(request.params.id, change, actor, now()),
        (id) => store.getMaintenance(id),
      );
      if (done === undefined) return reply;
      const m = done.value;
      if (m === undefined) return notFound(reply, 'maintenance');
      await board.redeclare();
      reply.header('cache-control', 'no-store');
      return maintenanceJson(m, languageOf({}, request.headers['accept-language'], request.server.pageLanguage), now());
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/v1/maintenance/:id',
    {
      preParsing: guard.require('maintenance:write'),
      config: writeConfig,
      schema: {
        tags: ['maintenance'],
        summary: 'Cancel maintenance (kept, marked cancelled)',
        security: bearer,
        headers: idempotencyHeader,
        params: idParams,
        response: { 401: errorResponse, 403: errorResponse, 404: errorResponse, 422: errorResponse },
      },
    },
    async (request, reply) => {
      // Cancelled is gone for the API: a second DELETE finds nothing, and audits nothing (unless it
      // repeats the first one's Idempotency-Key: then it gets the first answer).
      const actor = guard.actorOf(request);
      const done = await writeOnce(
        request,
        reply,
        store,
        actor.name,
        now(),
        async (s) => {
          const current = await s.getMaintenance(request.params.id);
          if (current === undefined || current.cancelled) return undefined;
          return s.cancelMaintenance(request.params.id, actor, now());
        },
        (id) => store.getMaintenance(id),
      );
      if (done === undefined) return reply;
      const m = done.value;
      if (m === undefined) return notFound(reply, 'maintenance');
      await board.redeclare();
      reply.header('cache-control', 'no-store');
      return maintenanceJson(m, languageOf({}, request.headers['accept-language'], request.server.pageLanguage), now());
    },
  );
}
