import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import { IDEMPOTENCY_TTL_MS, type NewIncident } from '../../src/store/StatusStore.js';
import { auth, TOKENS, useStatusApi } from '../routes/support.js';
import { backends } from '../store/backends.js';

const api = useStatusApi();

const incident = {
  title: { nl: 'Medicatiehistorie traag' },
  impact: 'major',
  components: ['medication-history'],
  body: { nl: 'We onderzoeken vertraging.' },
};

// Issue 25: a client that retried a POST after its connection was cut created a second incident
// (12–16 of ~12,000 writes in a run with 20 kills).
describe('writes with an Idempotency-Key', () => {
  it('a retried POST with the same key and body gets the first incident back and writes nothing', async () => {
    const { app } = await api();
    const post = (key: string, payload: object = incident) =>
      app.inject({
        method: 'POST',
        url: '/v1/incidents',
        headers: { ...auth(TOKENS.ops), 'idempotency-key': key },
        payload,
      });
    const first = await post('3f1c0a52-retry-me');
    const again = await post('3f1c0a52-retry-me');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const list = (await app.inject('/v1/incidents')).json().incidents;
    expect(list).toHaveLength(1);
    const audit = (await app.inject({ url: '/v1/audit', headers: auth(TOKENS.reader) })).json().entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['incident.create']);

    // Another key is another write.
    const other = await post('another-key');
    expect(other.json().id).not.toBe(first.json().id);
    expect((await app.inject('/v1/incidents')).json().incidents).toHaveLength(2);
  });

  it('the same key with a different body is refused with 422 and its code, writing nothing', async () => {
    const { app } = await api();
    const headers = { ...auth(TOKENS.ops), 'idempotency-key': 'k-1' };
    await app.inject({ method: 'POST', url: '/v1/incidents', headers, payload: incident });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers,
      payload: { ...incident, impact: 'critical' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'HARTSLAG_ERR_HTTP_IDEMPOTENCY_MISMATCH', statusCode: 422 });
    expect((await app.inject('/v1/incidents')).json().incidents).toHaveLength(1);
  });

  it('the same key on another route is a different request (422), and a resolve retried is one update', async () => {
    const { app } = await api();
    const { id } = (
      await app.inject({
        method: 'POST',
        url: '/v1/incidents',
        headers: { ...auth(TOKENS.ops), 'idempotency-key': 'open-1' },
        payload: incident,
      })
    ).json();
    const resolve = () =>
      app.inject({
        method: 'POST',
        url: `/v1/incidents/${id}/resolve`,
        headers: { ...auth(TOKENS.ops), 'idempotency-key': 'resolve-1' },
      });
    expect((await resolve()).statusCode).toBe(200);
    const again = await resolve();
    expect(again.statusCode).toBe(200);
    expect(again.json().incident_updates).toHaveLength(2);
    const reused = await app.inject({
      method: 'POST',
      url: `/v1/incidents/${id}/resolve`,
      headers: { ...auth(TOKENS.ops), 'idempotency-key': 'open-1' },
    });
    expect(reused.statusCode).toBe(422);
  });

  it('a key expires after 24 hours: then it is a new write', async () => {
    const { app, clock } = await api();
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/v1/incidents',
        headers: { ...auth(TOKENS.ops), 'idempotency-key': 'daily' },
        payload: incident,
      });
    const first = (await post()).json().id;
    clock.now += IDEMPOTENCY_TTL_MS - 1;
    expect((await post()).json().id).toBe(first);
    clock.now += 1;
    expect((await post()).json().id).not.toBe(first);
  });

  it('refuses a key that is not visible ASCII of 1 to 255 characters, naming the header', async () => {
    const { app } = await api();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: { ...auth(TOKENS.ops), 'idempotency-key': 'x'.repeat(256) },
      payload: incident,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('idempotency-key');
  });
});

const outage: NewIncident = {
  title: { en: 'Slow' },
  status: 'investigating',
  impact: 'minor',
  components: ['medication-history'],
  body: { en: 'Looking.' },
};

describe.each(backends())('StatusStore.once on $name', (backend) => {
  beforeAll(() => backend.start(), 60_000);
  afterAll(() => backend.stop());

  // Replicas share PostgreSQL; SQLite is one process's store (better-sqlite3 blocks while it waits
  // for the file lock, so two stores in one test process would wait on each other forever).
  it('two stores (two replicas on PostgreSQL) writing with one key at once write one incident', async () => {
    const options = await backend.fresh();
    const a = await openStore(options);
    const b = backend.name === 'postgres' ? await openStore(options) : a;
    try {
      const key = { actor: 'ops', key: 'same', fingerprint: 'f' };
      const results = await Promise.all(
        [a, b, a, b].map((s) => s.once(key, 1_000, (t) => t.createIncident(outage, { name: 'ops' }, 1_000))),
      );
      const written = results.filter((r) => r.outcome === 'written');
      expect(written).toHaveLength(1);
      const id = written[0]!.outcome === 'written' ? written[0]!.value!.id : -1;
      expect(
        results.filter((r) => r.outcome === 'replayed').map((r) => (r.outcome === 'replayed' ? r.id : -1)),
      ).toEqual([id, id, id]);
      expect(await backend.query(options, 'select id from incidents')).toHaveLength(1);
      expect(await backend.query(options, 'select id from audit')).toHaveLength(1);
    } finally {
      await a.close();
      if (b !== a) await b.close();
    }
  });

  it('a write that finds nothing keeps no key, so the retry may still write', async () => {
    const options = await backend.fresh();
    const store = await openStore(options);
    try {
      const key = { actor: 'ops', key: 'k', fingerprint: 'f' };
      const missing = await store.once(key, 1_000, (t) =>
        t.updateIncident(42, { body: { en: 'x' } }, { name: 'ops' }, 1_000),
      );
      expect(missing).toEqual({ outcome: 'written', value: undefined });
      expect(await backend.query(options, 'select key from idempotency_keys')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
