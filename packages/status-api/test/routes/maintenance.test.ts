import { describe, expect, it } from 'vitest';
import { auth, TOKENS, useStatusApi } from './support.js';

const api = useStatusApi();
const HOUR = 3_600_000;

describe('the maintenance write API', () => {
  it('schedules maintenance that shows as scheduled, then puts the component in maintenance while it runs', async () => {
    const { app, board, clock } = await api();
    const starts = clock.now + HOUR;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/maintenance',
      headers: auth(TOKENS.ops),
      payload: {
        title: { nl: 'Database-onderhoud', fr: 'Maintenance de la base de données' },
        body: { nl: 'Verstrekkingen registreren kan even niet.' },
        components: ['dispensations'],
        scheduled_for: new Date(starts).toISOString(),
        scheduled_until: new Date(starts + HOUR).toISOString(),
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'scheduled', name: 'Database-onderhoud' });
    let status = (await app.inject('/v1/status?lang=fr')).json();
    expect(status.scheduled_maintenances.map((m: { name: string }) => m.name)).toEqual([
      'Maintenance de la base de données',
    ]);
    expect(status.components[1].status).toBe('operational');

    clock.now = starts + 60_000;
    await board.refresh();
    status = (await app.inject('/v1/status')).json();
    expect(status.components[1].status).toBe('maintenance');
    expect(status.components[0].status).toBe('operational');
    expect(status.scheduled_maintenances[0].status).toBe('in_progress');

    clock.now = starts + HOUR + 1;
    await board.refresh();
    expect((await app.inject('/v1/status')).json().components[1].status).toBe('operational');
  });

  it('moves and cancels maintenance; a cancelled window no longer counts', async () => {
    const { app, board, clock } = await api();
    const payload = {
      title: { en: 'Upgrade' },
      body: { en: 'Short pause.' },
      components: ['medication-history'],
      scheduled_for: new Date(clock.now - 60_000).toISOString(),
      scheduled_until: new Date(clock.now + HOUR).toISOString(),
    };
    const { id } = (
      await app.inject({ method: 'POST', url: '/v1/maintenance', headers: auth(TOKENS.ops), payload })
    ).json();
    expect((await app.inject('/v1/status')).json().components[0].status).toBe('maintenance');
    const moved = await app.inject({
      method: 'PATCH',
      url: `/v1/maintenance/${id}`,
      headers: auth(TOKENS.ops),
      payload: { scheduled_until: new Date(clock.now + 2 * HOUR).toISOString() },
    });
    expect(moved.json().scheduled_until).toBe(new Date(clock.now + 2 * HOUR).toISOString());
    const cancelled = await app.inject({ method: 'DELETE', url: `/v1/maintenance/${id}`, headers: auth(TOKENS.ops) });
    expect(cancelled.json().status).toBe('cancelled');
    await board.refresh();
    expect((await app.inject('/v1/status')).json().components[0].status).toBe('operational');
    expect(
      (await app.inject({ method: 'DELETE', url: `/v1/maintenance/${id}`, headers: auth(TOKENS.ops) })).statusCode,
    ).toBe(404);
    const actions = (await app.inject({ url: '/v1/audit', headers: auth(TOKENS.reader) }))
      .json()
      .entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['maintenance.cancel', 'maintenance.update', 'maintenance.schedule']);
  });

  it('rejects a window that ends before it starts, lasts over a week, or is already over', async () => {
    const { app, clock } = await api();
    const base = { title: { en: 'x' }, body: { en: 'y' }, components: ['dispensations'] };
    const at = (ms: number) => new Date(clock.now + ms).toISOString();
    const post = (from: number, to: number) =>
      app.inject({
        method: 'POST',
        url: '/v1/maintenance',
        headers: auth(TOKENS.ops),
        payload: { ...base, scheduled_for: at(from), scheduled_until: at(to) },
      });
    expect((await post(2 * HOUR, HOUR)).json().error).toMatch(/scheduled_until must be after/);
    expect((await post(HOUR, 9 * 24 * HOUR)).json().error).toMatch(/at most 7 days/);
    expect((await post(-2 * HOUR, -HOUR)).json().error).toMatch(/future/);
    const notADate = await app.inject({
      method: 'POST',
      url: '/v1/maintenance',
      headers: auth(TOKENS.ops),
      payload: { ...base, scheduled_for: 'tomorrow', scheduled_until: at(HOUR) },
    });
    expect(notADate.statusCode).toBe(400);
    expect(notADate.json().error).toMatch(/scheduled_for/);
  });
});
