import { careMetricsPlugin } from '@hartslag/metrics';
import type { FastifyInstance } from 'fastify';
import { type PlatformContext, problem } from '../operations/context.js';
import { dispensationRoute } from '../operations/dispensations.js';
import { medicationHistoryRoute } from '../operations/medicationHistory.js';
import { messageRoute } from '../operations/messages.js';
import { prescriptionRoute } from '../operations/prescriptions.js';
import { tenantById } from '../tenants.js';

/**
 * The calls that need a token, recorded by @hartslag/metrics' fastify plugin (which also serves
 * GET /metrics). The tenant label comes from the verified token, never from the path, where the
 * patient id is.
 */
export function careRoutes(ctx: PlatformContext) {
  return async (app: FastifyInstance) => {
    await app.register(careMetricsPlugin, {
      metrics: ctx.metrics,
      tenant: (request) => ctx.sessionOf(request)?.tenant,
    });
    // After the plugin's onRequest, so refused calls are still timed and counted (outcome denied).
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config.operation === undefined) return;
      const session = ctx.sessionOf(request);
      if (session === undefined) {
        reply.header('www-authenticate', 'Bearer').careReason('no_token');
        return problem(reply, 401, 'unauthorized', 'send Authorization: Bearer <token> from POST /login');
      }
      // Checked on every call, not only at login: a contract can end while its tokens live.
      if (tenantById(session.tenant)?.contract !== true) {
        reply.careReason('no_contract');
        return problem(reply, 403, 'no_contract', `tenant ${session.tenant} has no contract with this platform`);
      }
    });
    medicationHistoryRoute(app, ctx);
    dispensationRoute(app, ctx);
    prescriptionRoute(app, ctx);
    messageRoute(app, ctx);
  };
}
