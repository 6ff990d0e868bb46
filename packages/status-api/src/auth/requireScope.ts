import type { FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { replyError } from '../http/errorReply.js';
import type { Scope } from './scopes.js';
import type { TokenRegistry } from './TokenRegistry.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made a write request: set by `requireScope` once the token checks out. */
    actor?: { name: string };
  }
}

/** RFC 6750 §3: the challenge a 401 carries. */
export const WWW_AUTHENTICATE = 'Bearer realm="hartslag-status"';

/**
 * A fastify preHandler that lets a request through only with a bearer token holding `scope`:
 * 401 with a Bearer challenge when the token is missing or unknown, 403 when it lacks the scope
 * (with RFC 6750's `insufficient_scope` challenge).
 * The body says no more than that, in the service's error shape `{ error, code, statusCode }`.
 */
export function requireScope(
  registry: TokenRegistry,
  scope: Scope,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  return async (request, reply) => {
    const actor = registry.authenticate(request.headers.authorization);
    if (actor === undefined) {
      reply.header('www-authenticate', WWW_AUTHENTICATE);
      return replyError(reply, 401, 'HARTSLAG_ERR_HTTP_UNAUTHORIZED', 'a valid bearer token is required');
    }
    if (!actor.scopes.has(scope)) {
      reply.header('www-authenticate', `${WWW_AUTHENTICATE}, error="insufficient_scope", scope="${scope}"`);
      return replyError(reply, 403, 'HARTSLAG_ERR_HTTP_FORBIDDEN', `this token lacks the scope ${scope}`);
    }
    request.actor = { name: actor.name };
    return undefined;
  };
}

type Check = ReturnType<typeof requireScope>;

/**
 * The check as a preParsing hook: after the rate limit (onRequest) so refused callers are
 * counted too, and before the body is read or validated, so a caller without a valid token learns
 * that (401/403) rather than the write API's schema.
 */
export function beforeBody(check: Check) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: RequestPayload): Promise<RequestPayload> => {
    await check(request, reply);
    return payload;
  };
}
