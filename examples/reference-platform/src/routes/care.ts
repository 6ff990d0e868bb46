import { careMetricsPlugin } from '@hartslag/metrics';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type PlatformContext, problem } from '../operations/context.js';
import { dispensationRoute } from '../operations/dispensations.js';
import { medicationHistoryRoute } from '../operations/medicationHistory.js';
import { messageRoute } from '../operations/messages.js';
import { prescriptionRoute } from '../operations/prescriptions.js';
import { tenantById, vendorOfTenant } from '../tenants.js';

/**
 * The calls that need a token, recorded by @hartslag/metrics' fastify plugin (which also serves
 * GET /metrics). The tenant label comes from the verified token, never from the path, where the
 * patient id is.
 */
export function careRoutes(ctx: PlatformContext) {
  // The reason a refused call is recorded with, for the access log (the plugin keeps its own).
  const reasons = new WeakMap<FastifyRequest, string>();
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
        reasons.set(request, 'no_token');
        return problem(reply, 401, 'unauthorized', 'send Authorization: Bearer <token> from POST /login');
      }
      // Checked on every call, not only at login: a contract can end while its tokens live.
      if (tenantById(session.tenant)?.contract !== true) {
        reply.careReason('no_contract');
        reasons.set(request, 'no_contract');
        return problem(reply, 403, 'no_contract', `tenant ${session.tenant} has no contract with this platform`);
      }
    });
    const log = ctx.accessLog;
    if (log !== undefined) {
      // What a service that cannot link @hartslag/metrics writes; hartslag-logwatch reads it back.
      app.addHook('onResponse', async (request, reply) => {
        const operation = request.routeOptions.config.operation;
        if (operation === undefined) return;
        const tenant = ctx.sessionOf(request)?.tenant;
        log(
          `${JSON.stringify({
            time: new Date().toISOString(),
            tenant,
            vendor: tenant === undefined ? undefined : vendorOfTenant(tenant),
            operation,
            status: reply.statusCode,
            code: reasons.get(request) ?? String(reply.statusCode),
            ms: Math.round(reply.elapsedTime * 1000) / 1000,
          })}\n`,
        );
      });
    }
    medicationHistoryRoute(app, ctx);
    dispensationRoute(app, ctx);
    prescriptionRoute(app, ctx);
    messageRoute(app, ctx);
  };
}
