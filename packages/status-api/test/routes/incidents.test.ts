import { describe, expect, it } from 'vitest';
import { auth, TOKENS, useStatusApi } from './support.js';

const api = useStatusApi();

const incident = {
  title: { nl: 'Medicatiehistorie traag', en: 'Medication history slow' },
  impact: 'major',
  components: ['medication-history'],
  body: { nl: 'We onderzoeken vertraging bij het ophalen van medicatiehistorie.' },
};

describe('the incident write API', () => {
  it('opens an incident that raises the component, shows in the status and is audited', async () => {
    const { app } = await api();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: auth(TOKENS.ops),
      payload: incident,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(res.headers.location).toBe(`/v1/incidents/${created.id}`);
    expect(created).toMatchObject({ name: 'Medicatiehistorie traag', status: 'investigating', impact: 'major' });

    // Visible at once on this replica: the board re-read the declarations.
    const status = (await app.inject('/v1/status?lang=en')).json();
    expect(status.components[0]).toMatchObject({ id: 'medication-history', status: 'partial_outage' });
    expect(status.components[1]).toMatchObject({ id: 'dispensations', status: 'operational' });
    expect(status.incidents.map((i: { name: string }) => i.name)).toEqual(['Medication history slow']);
    expect((await app.inject('/v1/components/medication-history')).json().reasons).toContain('incident:major');

    const audit = (await app.inject({ url: '/v1/audit', headers: auth(TOKENS.reader) })).json();
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      actor: 'ops-team',
      action: 'incident.create',
      target: `incident:${created.id}`,
    });
  });

  it('posts updates and resolves; a resolved incident no longer raises the state', async () => {
    const { app } = await api();
    const { id } = (
      await app.inject({ method: 'POST', url: '/v1/incidents', headers: auth(TOKENS.ops), payload: incident })
    ).json();
    const update = await app.inject({
      method: 'PATCH',
      url: `/v1/incidents/${id}`,
      headers: auth(TOKENS.ops),
      payload: { status: 'identified', impact: 'critical', body: { nl: 'Oorzaak gevonden: een volle schijf.' } },
    });
    expect(update.statusCode).toBe(200);
    expect(update.json()).toMatchObject({ status: 'identified', impact: 'critical' });
    expect((await app.inject('/v1/status')).json().components[0].status).toBe('major_outage');

    const resolved = await app.inject({
      method: 'POST',
      url: `/v1/incidents/${id}/resolve`,
      headers: auth(TOKENS.ops),
    });
    expect(resolved.statusCode).toBe(200);
    const body = resolved.json();
    expect(body.status).toBe('resolved');
    expect(body.resolved_at).not.toBeNull();
    // Newest update first, as Statuspage lists them; the default text when none was given.
    expect(body.incident_updates.map((u: { status: string }) => u.status)).toEqual([
      'resolved',
      'identified',
      'investigating',
    ]);
    expect(body.incident_updates[0].body).toBe('Dit incident is opgelost.');
    const status = (await app.inject('/v1/status')).json();
    expect(status.components[0].status).toBe('operational');
    expect(status.incidents).toEqual([]);
    // Still in the public history.
    expect((await app.inject('/v1/incidents')).json().incidents).toHaveLength(1);
    expect((await app.inject(`/v1/incidents/${id}?lang=en`)).json().name).toBe('Medication history slow');
  });

  it('refuses writes without a valid token (401) or with a token lacking the scope (403), and audits none', async () => {
    const { app } = await api();
    const none = await app.inject({ method: 'POST', url: '/v1/incidents', payload: incident });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: auth(`${TOKENS.ops}x`),
      payload: incident,
    });
    expect(wrong.statusCode).toBe(401);
    const reader = await app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: auth(TOKENS.reader),
      payload: incident,
    });
    expect(reader.statusCode).toBe(403);
    expect((await app.inject({ url: '/v1/audit', headers: auth(TOKENS.ops) })).statusCode).toBe(403);
    expect((await app.inject({ url: '/v1/audit', headers: auth(TOKENS.reader) })).json().entries).toEqual([]);
    expect((await app.inject('/v1/incidents')).json().incidents).toEqual([]);
  });

  it('rejects bad input with a 400 naming the field, and stores nothing', async () => {
    const { app } = await api();
    const post = (payload: unknown) =>
      app.inject({ method: 'POST', url: '/v1/incidents', headers: auth(TOKENS.ops), payload: payload as object });
    const cases: [unknown, RegExp][] = [
      [{ ...incident, impact: 'huge' }, /impact/],
      [{ ...incident, components: ['nope'] }, /components\/0/],
      [{ ...incident, components: [] }, /components/],
      [{ ...incident, title: {} }, /title/],
      [{ ...incident, title: { xx: 'hello' } }, /title/],
      [{ ...incident, body: { nl: 'x'.repeat(5001) } }, /body/],
      [{ ...incident, severity: 'high' }, /severity|additional/],
      [{ ...incident, status: 'resolved' }, /status/],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json().error).toMatch(field);
    }
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: '/v1/incidents/abc',
          headers: auth(TOKENS.ops),
          payload: { body: { nl: 'x' } },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: '/v1/incidents/999',
          headers: auth(TOKENS.ops),
          payload: { body: { nl: 'x' } },
        })
      ).statusCode,
    ).toBe(404);
    expect((await app.inject('/v1/incidents')).json().incidents).toEqual([]);
    expect((await app.inject({ url: '/v1/audit', headers: auth(TOKENS.reader) })).json().entries).toEqual([]);
  });

  it('keeps hostile text byte for byte and serves it only as JSON data', async () => {
    const { app } = await api();
    const hostile = '<script>alert("x")</script> ]]> \u202eشبكة 🩺 "quotes" \'single\'';
    const res = await app.inject({
      method: 'POST',
      url: '/v1/incidents',
      headers: auth(TOKENS.ops),
      payload: { ...incident, title: { nl: hostile }, body: { nl: hostile } },
    });
    expect(res.statusCode).toBe(201);
    const read = await app.inject(`/v1/incidents/${res.json().id}`);
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.json().name).toBe(hostile);
    expect(read.json().incident_updates[0].body).toBe(hostile);
  });
});

describe('rate limits', () => {
  it('limits writes per client far below reads, with a 429 that says nothing internal', async () => {
    const { app } = await api({ rateLimit: { readsPerMinute: 50, writesPerMinute: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(
        (await app.inject({ method: 'POST', url: '/v1/incidents', headers: auth(TOKENS.ops), payload: incident }))
          .statusCode,
      );
    }
    expect(codes).toEqual([201, 201, 201, 429, 429]);
    const reads: number[] = [];
    for (let i = 0; i < 52; i++) reads.push((await app.inject('/badge/medication-history.svg')).statusCode);
    expect(reads.filter((c) => c === 200).length).toBeGreaterThanOrEqual(45);
    const limited = await app.inject('/v1/status');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.body).not.toMatch(/\bat \S+ \(|node_modules|\/work\//);
    expect(limited.json().error).toMatch(/at most 50 requests a minute/);
    // Orchestrator probes are never limited.
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  });
});
