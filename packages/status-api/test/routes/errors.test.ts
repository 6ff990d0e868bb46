import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.js';
import { openStore } from '../../src/store/openStore.js';
import { auth, TOKENS, useStatusApi } from './support.js';

const api = useStatusApi();

const incident = {
  title: { nl: 'Medicatiehistorie traag' },
  impact: 'major',
  components: ['medication-history'],
  body: { nl: 'We onderzoeken vertraging.' },
};

/** Nothing of the server's insides: no stack frame, module path, host path or SQL. */
const INTERNALS = /\bat \S+ \(|node_modules|\/work\/|\/home\/|sqlite|SELECT|Error:/i;

describe('error replies', () => {
  it('answers every kind of refusal as { error, code, statusCode } with the code of its kind', async () => {
    // Five writes a minute: the sixth write below is the first over the limit.
    const { app } = await api({ rateLimit: { readsPerMinute: 1_000, writesPerMinute: 5 } });
    const write = (payload: unknown, headers = auth(TOKENS.ops)) =>
      app.inject({ method: 'POST', url: '/v1/incidents', headers, payload: payload as object });
    const cases = [
      [await app.inject('/v1/components/nope'), 404, 'HARTSLAG_ERR_HTTP_UNKNOWN_COMPONENT'],
      [await app.inject('/v1/shields/nope.json'), 404, 'HARTSLAG_ERR_HTTP_UNKNOWN_COMPONENT'],
      [await app.inject('/widget/nope'), 404, 'HARTSLAG_ERR_HTTP_UNKNOWN_COMPONENT'],
      [await app.inject('/v1/incidents/77'), 404, 'HARTSLAG_ERR_HTTP_UNKNOWN_INCIDENT'],
      [await app.inject('/no/such/path'), 404, 'HARTSLAG_ERR_HTTP_NOT_FOUND'],
      [await app.inject('/badge/medication-history.svg?style=neon'), 400, 'HARTSLAG_ERR_HTTP_BAD_REQUEST'],
      [await write(incident, {} as ReturnType<typeof auth>), 401, 'HARTSLAG_ERR_HTTP_UNAUTHORIZED'],
      [await write(incident, auth(TOKENS.reader)), 403, 'HARTSLAG_ERR_HTTP_FORBIDDEN'],
      [await write({ ...incident, components: ['nope'] }), 400, 'HARTSLAG_ERR_HTTP_BAD_REQUEST'],
      [await write({ ...incident, impact: 'apocalyptic' }), 400, 'HARTSLAG_ERR_HTTP_BAD_REQUEST'],
      [await write(incident), 201, undefined],
      [await write(incident), 429, 'HARTSLAG_ERR_HTTP_RATE_LIMITED'],
    ] as const;
    for (const [res, status, code] of cases) {
      expect(res.statusCode).toBe(status);
      if (code === undefined) continue;
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['code', 'error', 'statusCode']);
      expect(body).toMatchObject({ code, statusCode: status });
      expect(ERROR_CODES).toContain(body.code);
      expect(res.body).not.toMatch(INTERNALS);
    }
  });

  it('says nothing but "internal error" when the store fails', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    const { app } = await api({ store, log: () => {} });
    await store.close();
    const res = await app.inject('/v1/incidents');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal error', code: 'HARTSLAG_ERR_HTTP_INTERNAL', statusCode: 500 });
  });
});
