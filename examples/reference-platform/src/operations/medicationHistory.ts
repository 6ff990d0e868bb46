import type { FastifyInstance } from 'fastify';
import { hash, type PlatformContext, PRODUCTS, simulate } from './context.js';

export function medicationHistoryRoute(app: FastifyInstance, ctx: PlatformContext): void {
  app.get<{ Params: { patient: string } }>(
    '/medication-history/:patient',
    { config: { operation: 'fetch-medication-history' }, preHandler: simulate(ctx, 'fetch-medication-history') },
    async (request) => {
      const { patient } = request.params;
      const h = hash(patient);
      const medications = Array.from({ length: 1 + (h % 6) }, (_, i) => ({
        product: PRODUCTS[(h + i * 7) % PRODUCTS.length],
        dispensedAt: new Date(Date.UTC(2026, 0, 1) + ((h >>> (i % 16)) % 300) * 86_400_000).toISOString(),
      }));
      return { patient, medications };
    },
  );
}
