import { describe, expect, it } from 'vitest';
import { auth, TOKENS, useStatusApi } from '../routes/support.js';

const api = useStatusApi();

// Issue 25: a request without a token and with a bad body got 400 with the schema message, which
// told a stranger the write API's schema and a client with a lost token the wrong thing to fix.
describe('a write is authenticated and its scope checked before its body is looked at', () => {
  const writes = [
    { method: 'POST', url: '/v1/incidents', scope: 'incidents:write' },
    { method: 'PATCH', url: '/v1/incidents/1', scope: 'incidents:write' },
    { method: 'POST', url: '/v1/incidents/1/resolve', scope: 'incidents:write' },
    { method: 'POST', url: '/v1/maintenance', scope: 'maintenance:write' },
  ] as const;

  it.each(writes)('$method $url without a token and with a bad body answers 401', async ({ method, url }) => {
    const { app } = await api();
    const res = await app.inject({ method, url, payload: { impact: 'apocalyptic', unknownField: 1 } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('HARTSLAG_ERR_HTTP_UNAUTHORIZED');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="hartslag-status"');
  });

  it.each(writes)(
    '$method $url with a token lacking the scope and a bad body answers 403',
    async ({ method, url, scope }) => {
      const { app } = await api();
      const res = await app.inject({
        method,
        url,
        headers: auth(TOKENS.reader),
        payload: { impact: 'apocalyptic' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        code: 'HARTSLAG_ERR_HTTP_FORBIDDEN',
        error: `this token lacks the scope ${scope}`,
      });
    },
  );

  it('a body that is not even JSON is still refused with 401 when the token is missing', async () => {
    const { app } = await api();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(res.statusCode).toBe(401);
  });

  it('with a valid token the same bad body is refused by the schema, naming the field', async () => {
    const { app } = await api();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: auth(TOKENS.ops),
      payload: { title: { nl: 'x' }, impact: 'apocalyptic', components: ['dispensations'], body: { nl: 'y' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('impact');
  });
});
