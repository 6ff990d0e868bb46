import { describe, expect, it } from 'vitest';
import { healthy, useStatusApi } from './support.js';

const api = useStatusApi();

describe('GET /v1/status', () => {
  it('summarises the page like Statuspage: indicator, components, incidents', async () => {
    const { app } = await api();
    const body = (await app.inject('/v1/status?lang=en')).json();
    expect(body.page).toEqual({
      name: 'Apotheek Datahub',
      url: 'https://status.example.nl',
      updated_at: '2026-11-24T10:00:00.000Z',
    });
    expect(body.status).toEqual({ indicator: 'none', state: 'operational', description: 'operational' });
    expect(body.components.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      ['medication-history', 'operational'],
      ['dispensations', 'operational'],
    ]);
    expect(body.incidents).toEqual([]);
  });

  it('takes the worst component for the overall indicator', async () => {
    const { app, board, source, clock } = await api();
    source.next = () => ({
      at: clock.now,
      slos: new Map([
        ['fetch-medication-history', healthy('fetch-medication-history')],
        [
          'register-dispensation',
          { ...healthy('register-dispensation'), outage: { active: true, seconds: 120, limit: 600 } },
        ],
      ]),
    });
    await board.refresh();
    const body = (await app.inject('/v1/status')).json();
    expect(body.status.indicator).toBe('critical');
    expect(body.status.description).toBe('storing');
  });
});

describe('GET /v1/components/:id', () => {
  it('gives one component with the reasons for its state', async () => {
    const { app } = await api();
    const res = await app.inject('/v1/components/medication-history');
    expect(res.json()).toMatchObject({ id: 'medication-history', name: 'Medicatiehistorie', status: 'operational' });
    expect((await app.inject('/v1/components/nope')).statusCode).toBe(404);
  });
});

describe('health of the service itself', () => {
  it('is alive, and ready only while its source answers freshly', async () => {
    const { app, board, source } = await api();
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    source.next = new Error('timeout');
    await board.refresh();
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('timeout');
  });

  it('answers unknown paths with a plain 404, without internals', async () => {
    const { app } = await api();
    const res = await app.inject('/admin/../../etc/passwd');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not found', code: 'HARTSLAG_ERR_HTTP_NOT_FOUND', statusCode: 404 });
  });

  it('serves a badge over a real socket', async () => {
    const { app } = await api();
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${url}/badge/medication-history.svg`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('werkt');
  });
});

describe('the page language', () => {
  it('answers visitors whose browser asks for none of ours in the page language', async () => {
    const { app } = await api({ page: { name: 'Hospital Records', language: 'en' } });
    expect((await app.inject('/v1/status')).json().status.description).toBe('operational');
    const japanese = await app.inject({ url: '/v1/status', headers: { 'accept-language': 'ja' } });
    expect(japanese.json().status.description).toBe('operational');
    const dutch = await app.inject({ url: '/v1/status', headers: { 'accept-language': 'nl-BE' } });
    expect(dutch.json().status.description).toBe('werkt');
  });
});
