import { outcomeOfHttpStatus } from '@hartslag/metrics';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type PlatformContext, problem, simulate } from '../operations/context.js';
import { isProvider, tenantById } from '../tenants.js';

const body = {
  type: 'object',
  required: ['user', 'tenant'],
  properties: {
    user: { type: 'string', minLength: 1, maxLength: 64 },
    tenant: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;

/**
 * POST /login, recorded by hand: the tenant is in the body, which the metrics plugin cannot read
 * when it starts timing (onRequest comes before body parsing). Only known tenants become labels.
 */
export function loginRoutes(ctx: PlatformContext) {
  return async (app: FastifyInstance) => {
    const login = ctx.metrics.operation('login');
    const reasons = new WeakMap<FastifyRequest, string>();
    const tenantOf = (request: FastifyRequest) => {
      const t = (request.body as { tenant?: unknown } | undefined)?.tenant;
      return typeof t === 'string' && tenantById(t) !== undefined ? t : undefined;
    };
    app.addHook('onResponse', async (request, reply) => {
      const status = reply.statusCode;
      login.record(
        outcomeOfHttpStatus(status),
        reply.elapsedTime / 1000,
        reasons.get(request) ?? status,
        tenantOf(request),
      );
    });
    app.addHook('onRequestAbort', async (request) => {
      login.record('client_error', undefined, 'aborted', tenantOf(request));
    });

    app.post<{ Body: { user: string; tenant: string } }>(
      '/login',
      { schema: { body }, preHandler: simulate(ctx, 'login') },
      async (request, reply) => {
        const { user, tenant } = request.body;
        if (!isProvider(user)) {
          reasons.set(request, 'unknown_user');
          return problem(reply, 401, 'unknown_user', 'log in as a care provider, provider-0001 … provider-3000');
        }
        const t = tenantById(tenant);
        if (t?.contract !== true) {
          reasons.set(request, t === undefined ? 'unknown_tenant' : 'no_contract');
          return problem(reply, 403, 'no_contract', `tenant ${tenant} has no contract with this platform`);
        }
        return { token: ctx.tokens.issue(user, tenant) };
      },
    );
  };
}
