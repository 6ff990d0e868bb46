import type { FastifyInstance } from 'fastify';
import type { StatusStore } from '../store/StatusStore.js';
import type { WriteGuard } from './incidents.js';

/** Who changed what: for token holders with `audit:read`, never public. */
export async function auditRoutes(
  app: FastifyInstance,
  { store, guard }: { store: StatusStore; guard: WriteGuard },
): Promise<void> {
  app.get<{ Querystring: { limit?: number; before?: number } }>(
    '/v1/audit',
    {
      preParsing: guard.require('audit:read'),
      schema: {
        tags: ['audit'],
        summary: 'The audit trail of writes, newest first',
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            before: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
    async (request, reply) => {
      const entries = await store.listAudit({
        limit: request.query.limit ?? 100,
        ...(request.query.before === undefined ? {} : { before: request.query.before }),
      });
      reply.header('cache-control', 'no-store');
      return {
        entries: entries.map((e) => ({
          id: e.id,
          at: new Date(e.at).toISOString(),
          actor: e.actor,
          action: e.action,
          target: e.target,
          detail: e.detail,
        })),
      };
    },
  );
}
