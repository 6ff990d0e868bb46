import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type PlatformContext, simulate } from './context.js';

const body = {
  type: 'object',
  required: ['patient', 'product'],
  properties: {
    patient: { type: 'string', minLength: 1, maxLength: 64 },
    product: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

export function dispensationRoute(app: FastifyInstance, ctx: PlatformContext): void {
  app.post<{ Body: { patient: string; product: string } }>(
    '/dispensations',
    {
      schema: { body },
      config: { operation: 'register-dispensation' },
      preHandler: simulate(ctx, 'register-dispensation'),
    },
    async (request, reply) => {
      const { patient, product } = request.body;
      return reply.code(201).send({ id: randomUUID(), patient, product, dispensedAt: new Date().toISOString() });
    },
  );
}
