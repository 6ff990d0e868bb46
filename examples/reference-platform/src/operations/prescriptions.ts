import type { FastifyInstance } from 'fastify';
import { hash, type PlatformContext, PRODUCTS, simulate } from './context.js';

export function prescriptionRoute(app: FastifyInstance, ctx: PlatformContext): void {
  app.get<{ Params: { id: string } }>(
    '/prescriptions/:id',
    { config: { operation: 'fetch-prescription' }, preHandler: simulate(ctx, 'fetch-prescription') },
    async (request) => {
      const { id } = request.params;
      const h = hash(id);
      return { id, product: PRODUCTS[h % PRODUCTS.length], dose: `${1 + (h % 3)}x daily`, repeats: h % 4 };
    },
  );
}
