import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { requireScope } from '../../src/auth/requireScope.js';
import { TokenRegistry } from '../../src/auth/TokenRegistry.js';
import { generateToken, hashToken } from '../../src/auth/tokens.js';

const OPS = generateToken();
const PARTNER = generateToken();

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A write route behind requireScope, counting the requests that reach its handler. */
async function server() {
  const registry = new TokenRegistry([
    { name: 'ops-team', sha256: hashToken(OPS), scopes: ['incidents:write', 'audit:read'] },
    { name: 'partner-portal', sha256: hashToken(PARTNER), scopes: ['maintenance:write'] },
  ]);
  const reached: string[] = [];
  app = Fastify({ logger: false });
  app.post('/v1/incidents', { preHandler: requireScope(registry, 'incidents:write') }, async (request, reply) => {
    reached.push(request.actor?.name ?? '(none)');
    return reply.code(201).send({ declaredBy: request.actor?.name });
  });
  await app.ready();
  return { app, reached };
}

describe('requireScope', () => {
  it('lets a token with the scope through and names its holder as the actor', async () => {
    const { app, reached } = await server();
    const res = await app.inject({ method: 'POST', url: '/v1/incidents', headers: { authorization: `Bearer ${OPS}` } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ declaredBy: 'ops-team' });
    expect(reached).toEqual(['ops-team']);
  });

  it('answers 401 with a Bearer challenge, and nothing else, without a token', async () => {
    const { app, reached } = await server();
    const res = await app.inject({ method: 'POST', url: '/v1/incidents' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="hartslag-status"');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({
      error: 'a valid bearer token is required',
      code: 'HARTSLAG_ERR_HTTP_UNAUTHORIZED',
      statusCode: 401,
    });
    expect(reached).toEqual([]);
  });

  it('answers a wrong token and another scheme exactly as a missing one', async () => {
    const { app, reached } = await server();
    const missing = await app.inject({ method: 'POST', url: '/v1/incidents' });
    for (const authorization of [`Bearer ${generateToken()}`, `Basic ${OPS}`, `Bearer ${hashToken(OPS)}`]) {
      const res = await app.inject({ method: 'POST', url: '/v1/incidents', headers: { authorization } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe(missing.headers['www-authenticate']);
      expect(res.body).toBe(missing.body);
    }
    expect(reached).toEqual([]);
  });

  it('answers 403 to a valid token without the scope', async () => {
    const { app, reached } = await server();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: { authorization: `Bearer ${PARTNER}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="hartslag-status", error="insufficient_scope", scope="incidents:write"',
    );
    expect(res.json()).toEqual({
      error: 'this token lacks the scope incidents:write',
      code: 'HARTSLAG_ERR_HTTP_FORBIDDEN',
      statusCode: 403,
    });
    expect(reached).toEqual([]);
  });
});
