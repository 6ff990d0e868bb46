import type { FastifyInstance } from 'fastify';
import type { StatusBoard } from '../state/StatusBoard.js';

/** For the service's own orchestration: alive, and ready once its source answered freshly. */
export async function healthRoutes(app: FastifyInstance, { board }: { board: StatusBoard }): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (board.ready) return { status: 'ready' };
    return reply.code(503).send({ status: 'not ready', reason: 'the status source has not answered freshly' });
  });
}
