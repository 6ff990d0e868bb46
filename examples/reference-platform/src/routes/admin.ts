import type { FastifyInstance } from 'fastify';
import { type Faults, parseFaultSpec } from '../faults/Faults.js';
import { problem } from '../operations/context.js';
import { PlatformError } from '../PlatformError.js';
import type { MessageQueue } from '../queue/MessageQueue.js';
import { providerId, TENANTS } from '../tenants.js';

const MAX_FILL = 1_000_000;

/**
 * /admin: fault injection and the queue's counters, behind `x-admin-token`. Not recorded in the
 * care metrics: operators poking the platform are not patient-facing traffic.
 */
export function adminRoutes(options: { adminToken: string; faults: Faults; queue: MessageQueue }) {
  const { adminToken, faults, queue } = options;
  return async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request, reply) => {
      if (request.headers['x-admin-token'] !== adminToken) {
        return problem(reply, 401, 'unauthorized', 'send the admin token in the x-admin-token header');
      }
    });

    app.get('/admin/faults', async () => faults.current);

    app.put('/admin/faults', async (request, reply) => {
      try {
        faults.set(parseFaultSpec(request.body ?? {}));
      } catch (err) {
        if (err instanceof PlatformError) return problem(reply, 400, err.code, err.message);
        throw err;
      }
      return faults.current;
    });

    app.get('/admin/queue', async () => queue.stats());

    // A backlog in one transaction, for demos and drain measurements; not part of the load-test contract.
    app.post<{ Body: { count?: unknown } }>('/admin/queue/fill', async (request, reply) => {
      const count = request.body?.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_FILL) {
        return problem(reply, 400, 'invalid_count', `count must be an integer from 1 to ${MAX_FILL}`);
      }
      queue.enqueueMany(count, (i) => ({
        to: providerId(1 + (i % 3000)),
        body: `backlog message ${i}`,
        tenant: TENANTS[i % 40]!.id,
      }));
      return reply.code(202).send(queue.stats());
    });
  };
}
