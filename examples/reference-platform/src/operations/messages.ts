import type { FastifyInstance } from 'fastify';
import { type PlatformContext, problem, simulate } from './context.js';

const body = {
  type: 'object',
  required: ['to', 'body'],
  properties: {
    to: { type: 'string', minLength: 1, maxLength: 64 },
    body: { type: 'string', maxLength: 10_000 },
  },
} as const;

/** 202 only once the message is committed: an acknowledged message is never lost. */
export function messageRoute(app: FastifyInstance, ctx: PlatformContext): void {
  app.post<{ Body: { to: string; body: string } }>(
    '/messages',
    { schema: { body }, config: { operation: 'send-message' }, preHandler: simulate(ctx, 'send-message') },
    async (request, reply) => {
      const tenant = ctx.sessionOf(request)!.tenant;
      let id: string;
      try {
        id = await ctx.queue.enqueue({ to: request.body.to, body: request.body.body, tenant });
      } catch (err) {
        return problem(reply, 503, 'queue_unavailable', (err as Error).message);
      }
      return reply.code(202).send({ id });
    },
  );
}
