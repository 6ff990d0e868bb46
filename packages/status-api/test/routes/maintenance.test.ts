import { describe, expect, it } from 'vitest';
import { auth, TOKENS, useStatusApi } from './support.js';

const api = useStatusApi();
const HOUR = 3_600_000;

describe('GET /v1/maintenance/windows: what a monthly report leaves out', () => {
  it('lists the windows overlapping a range, past ones included, cancelled ones not, with the SLOs of their components', async () => {
    const { app, clock } = await api();
    const schedule = async (components: string[], from: number, to: number) =>
      (
        await app.inject({
          method: 'POST',
          url: '/v1/maintenance',
          headers: auth(TOKENS.ops),
          payload: {
            title: { en: 'Upgrade' },
            body: { en: 'Short pause.' },
            components,
            scheduled_for: new Date(from).toISOString(),
            scheduled_until: new Date(to).toISOString(),
          },
        })
      ).json().id as number;
    const start = clock.now;
    const both = await schedule(['medication-history', 'dispensations'], start + HOUR, start + 2 * HOUR);
    const cancelled = await schedule(['dispensations'], start + 3 * HOUR, start + 4 * HOUR);
    await app.inject({ method: 'DELETE', url: `/v1/maintenance/${cancelled}`, headers: auth(TOKENS.ops) });
    const later = await schedule(['dispensations'], start + 30 * HOUR, start + 31 * HOUR);
    // A week on, all of them are past.
    clock.now = start + 7 * 24 * HOUR;
    const range = (from: number, to: number) =>
      app.inject(`/v1/maintenance/windows?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`);
    const day = (await range(start, start + 24 * HOUR)).json();
    expect(day).toEqual({
      maintenance: [
        {
          id: both,
          from: new Date(start + HOUR).toISOString(),
          to: new Date(start + 2 * HOUR).toISOString(),
          components: ['medication-history', 'dispensations'],
          slos: ['fetch-medication-history', 'register-dispensation'],
        },
      ],
    });
    // A window overlapping the range's end counts; one starting at its end does not.
    const ids = async (from: number, to: number) =>
      (await range(from, to)).json().maintenance.map((m: { id: number }) => m.id);
    expect(await ids(start, start + 30 * HOUR + 1)).toEqual([both, later]);
    expect(await ids(start + 2 * HOUR, start + 30 * HOUR)).toEqual([]);
  });

  it('refuses a range that ends before it starts or is missing, naming the field', async () => {
    const { app } = await api();
    const backwards = await app.inject('/v1/maintenance/windows?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toContain('querystring/to must be after querystring/from');
    const missing = await app.inject('/v1/maintenance/windows?from=2026-11-01T00:00:00Z');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toContain('to');
  });
});

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
