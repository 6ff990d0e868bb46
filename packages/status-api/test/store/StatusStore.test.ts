import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StateMinute, Texts } from '../../src/incidents/model.js';
import { openStore, type StoreOptions } from '../../src/store/openStore.js';
import type { NewIncident, NewMaintenance, StatusStore } from '../../src/store/StatusStore.js';
import { backends } from './backends.js';

const T0 = Date.UTC(2025, 2, 3, 8, 0);
const MIN = 60_000;
const ops = { name: 'ops-rotation' };

const outage = (over: Partial<NewIncident> = {}): NewIncident => ({
  title: { nl: 'Medicatiehistoriek traag', fr: 'Historique de médication lent', en: 'Medication history slow' },
  status: 'investigating',
  impact: 'minor',
  components: ['medication-history'],
  body: { en: 'We are looking into slow answers.' },
  ...over,
});

const window = (over: Partial<NewMaintenance> = {}): NewMaintenance => ({
  title: { en: 'Database upgrade' },
  body: { en: 'Prescriptions are read-only for 30 minutes.' },
  components: ['prescriptions'],
  startsAt: T0 + 60 * MIN,
  endsAt: T0 + 90 * MIN,
  ...over,
});

/** Texts a careless store would mangle: emoji, right-to-left, markup, CDATA ends, quotes, SQL. */
const odd: Texts = {
  nl: "🚑 Storing 💊 bij de apotheek — “aanhalingstekens” en 'enkele' \\ backslash",
  fr: 'مرحبا بالعالم ‏RTL‏ mixed עִבְרִית',
  en: '<script>alert("x")</script> ]]> <![CDATA[ & &amp; </title>',
  de: "'); DROP TABLE incidents; -- \u0000 nul \ud83d lone surrogate \t tab\nnewline ZWJ 👩‍⚕️",
};

describe.each(backends())('StatusStore on $name', (backend) => {
  let options: StoreOptions;
  let store: StatusStore;
  const opened: StatusStore[] = [];
  const open = async () => {
    const s = await openStore(options);
    opened.push(s);
    return s;
  };
  const auditCount = async () =>
    Number((await backend.query<{ n: unknown }>(options, 'select count(*) as n from audit'))[0]!.n);

  beforeAll(() => backend.start());
  afterAll(() => backend.stop());
  beforeEach(async () => {
    options = await backend.fresh();
    store = await open();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('reports which database it uses', () => {
    expect(store.kind).toBe(backend.name);
  });

  it('creates an incident with its first update and one audit row, and reads back what it stored', async () => {
    const created = await store.createIncident(outage(), ops, T0);
    expect(created).toEqual({
      id: expect.any(Number),
      title: outage().title,
      status: 'investigating',
      impact: 'minor',
      components: ['medication-history'],
      createdAt: T0,
      updatedAt: T0,
      resolvedAt: undefined,
      updates: [
        { id: expect.any(Number), incidentId: created.id, status: 'investigating', body: outage().body, at: T0 },
      ],
    });
    expect(await store.getIncident(created.id)).toEqual(created);
    expect(await store.listAudit({ limit: 10 })).toEqual([
      {
        id: expect.any(Number),
        at: T0,
        actor: 'ops-rotation',
        action: 'incident.create',
        target: `incident:${created.id}`,
        detail: outage(),
      },
    ]);
  });

  it('stores emoji, right-to-left, markup and SQL-looking texts byte for byte', async () => {
    const created = await store.createIncident(
      outage({ title: odd, body: odd, components: ['<b>x</b>', "o'brien", '💊'] }),
      { name: "actor'; --" },
      T0,
    );
    const updated = await store.updateIncident(created.id, { body: odd, title: odd }, { name: 'ops' }, T0 + MIN);
    const maintenance = await store.scheduleMaintenance(window({ title: odd, body: odd }), ops, T0);
    const again = await openStore(options);
    opened.push(again);
    const read = (await again.getIncident(created.id))!;
    expect(read.title).toEqual(odd);
    expect(read.updates.map((u) => u.body)).toEqual([odd, odd]);
    expect(read.components).toEqual(['<b>x</b>', "o'brien", '💊']);
    expect(Buffer.from(read.title.de!, 'utf16le')).toEqual(Buffer.from(odd.de!, 'utf16le'));
    expect(updated).toEqual(read);
    expect((await again.getMaintenance(maintenance.id))?.body).toEqual(odd);
    expect((await again.listAudit({ limit: 10 })).map((a) => a.actor)).toContain("actor'; --");
    expect(await again.listIncidents({ limit: 10 })).toHaveLength(1);
  });

  it('appends an update for each change and applies impact, components and title', async () => {
    const created = await store.createIncident(outage(), ops, T0);
    const updated = await store.updateIncident(
      created.id,
      {
        status: 'identified',
        impact: 'major',
        components: ['medication-history', 'prescriptions'],
        title: { en: 'Medication history down' },
        body: { en: 'A failing disk.' },
      },
      ops,
      T0 + MIN,
    );
    expect(updated).toMatchObject({
      status: 'identified',
      impact: 'major',
      components: ['medication-history', 'prescriptions'],
      title: { en: 'Medication history down' },
      createdAt: T0,
      updatedAt: T0 + MIN,
      resolvedAt: undefined,
    });
    const noted = await store.updateIncident(created.id, { body: { nl: 'Nog steeds bezig.' } }, ops, T0 + 2 * MIN);
    expect(noted).toMatchObject({ status: 'identified', impact: 'major', title: { en: 'Medication history down' } });
    expect(noted?.updates.map((u) => [u.status, u.body, u.at])).toEqual([
      ['investigating', { en: 'We are looking into slow answers.' }, T0],
      ['identified', { en: 'A failing disk.' }, T0 + MIN],
      ['identified', { nl: 'Nog steeds bezig.' }, T0 + 2 * MIN],
    ]);
    expect((await store.listAudit({ limit: 10 })).map((a) => [a.action, a.target, a.detail])).toEqual([
      ['incident.update', `incident:${created.id}`, { body: { nl: 'Nog steeds bezig.' } }],
      ['incident.update', `incident:${created.id}`, expect.objectContaining({ status: 'identified' })],
      ['incident.create', `incident:${created.id}`, expect.anything()],
    ]);
  });

  it('resolves, stays resolved on a note, and reopens only when the status says so', async () => {
    const { id } = await store.createIncident(outage(), ops, T0);
    const resolved = await store.updateIncident(id, { status: 'resolved', body: { en: 'Fixed.' } }, ops, T0 + MIN);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: T0 + MIN });
    const noted = await store.updateIncident(id, { body: { en: 'Post-mortem follows.' } }, ops, T0 + 2 * MIN);
    expect(noted).toMatchObject({ status: 'resolved', resolvedAt: T0 + MIN });
    expect(noted?.updates.at(-1)?.status).toBe('resolved');
    const resolvedAgain = await store.updateIncident(
      id,
      { status: 'resolved', body: { en: 'Still' } },
      ops,
      T0 + 3 * MIN,
    );
    expect(resolvedAgain?.resolvedAt).toBe(T0 + MIN);
    const reopened = await store.updateIncident(id, { status: 'monitoring', body: { en: 'Back.' } }, ops, T0 + 4 * MIN);
    expect(reopened).toMatchObject({ status: 'monitoring', resolvedAt: undefined });
    expect(await store.listIncidents({ open: true, limit: 10 })).toEqual([reopened]);
    expect((await store.listAudit({ limit: 10 })).map((a) => a.action)).toEqual([
      'incident.reopen',
      'incident.update',
      'incident.update',
      'incident.resolve',
      'incident.create',
    ]);
  });

  it('writes no audit row when there is nothing to change', async () => {
    await store.createIncident(outage(), ops, T0);
    expect(await store.updateIncident(9999, { body: { en: 'x' } }, ops, T0)).toBeUndefined();
    expect(await store.updateIncident(Number.NaN, { body: { en: 'x' } }, ops, T0)).toBeUndefined();
    expect(await store.updateMaintenance(9999, { title: { en: 'x' } }, ops, T0)).toBeUndefined();
    expect(await store.cancelMaintenance(9999, ops, T0)).toBeUndefined();
    expect(await store.getIncident(9999)).toBeUndefined();
    expect(await store.getMaintenance(9999)).toBeUndefined();
    expect(await auditCount()).toBe(1);
  });

  it('keeps nothing of a write whose audit row fails: the incident, its update and audit are one transaction', async () => {
    const detail: Record<string, unknown> = {};
    detail.self = detail;
    await expect(store.createIncident({ ...outage(), ...{ detail } } as NewIncident, ops, T0)).rejects.toThrow(
      /circular/i,
    );
    const { id } = await store.createIncident(outage(), ops, T0);
    await expect(store.updateIncident(id, { body: { en: 'x' }, ...{ detail } }, ops, T0 + MIN)).rejects.toThrow(
      /circular/i,
    );
    expect(await store.listIncidents({ limit: 10 })).toEqual([await store.getIncident(id)]);
    expect((await store.getIncident(id))?.updates).toHaveLength(1);
    expect(await auditCount()).toBe(1);
    const rows = await backend.query<{ n: unknown }>(options, 'select count(*) as n from incident_updates');
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('lists incidents newest first, open ones only on request, in pages below a cursor', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await store.createIncident(outage(), ops, T0 + i * MIN)).id);
    await store.updateIncident(ids[1]!, { status: 'resolved', body: { en: 'ok' } }, ops, T0 + 10 * MIN);
    await store.updateIncident(ids[3]!, { status: 'resolved', body: { en: 'ok' } }, ops, T0 + 10 * MIN);
    const idsOf = (list: { id: number }[]) => list.map((i) => i.id);
    expect(idsOf(await store.listIncidents({ limit: 10 }))).toEqual([...ids].reverse());
    expect(idsOf(await store.listIncidents({ open: true, limit: 10 }))).toEqual([ids[4], ids[2], ids[0]]);
    const page1 = await store.listIncidents({ limit: 2 });
    expect(idsOf(page1)).toEqual([ids[4], ids[3]]);
    const page2 = await store.listIncidents({ limit: 2, before: page1.at(-1)!.id });
    expect(idsOf(page2)).toEqual([ids[2], ids[1]]);
    expect(idsOf(await store.listIncidents({ limit: 2, before: page2.at(-1)!.id }))).toEqual([ids[0]]);
    expect(idsOf(await store.listIncidents({ open: true, limit: 1, before: ids[4] }))).toEqual([ids[2]]);
    expect(await store.listIncidents({ limit: 0 })).toEqual([]);
    expect((await store.listIncidents({ limit: 10 }))[1]?.updates).toHaveLength(2);
  });

  it('schedules, updates, cancels and lists maintenance, soonest first, without cancelled or past windows', async () => {
    const later = await store.scheduleMaintenance(
      window({ startsAt: T0 + 5 * 60 * MIN, endsAt: T0 + 6 * 60 * MIN }),
      ops,
      T0,
    );
    const soon = await store.scheduleMaintenance(window(), ops, T0);
    const past = await store.scheduleMaintenance(window({ startsAt: T0 - 60 * MIN, endsAt: T0 - 30 * MIN }), ops, T0);
    expect(soon).toEqual({ ...window(), id: expect.any(Number), cancelled: false, createdAt: T0, updatedAt: T0 });
    expect((await store.listMaintenance({ endsAfter: T0, limit: 10 })).map((m) => m.id)).toEqual([soon.id, later.id]);

    const moved = await store.updateMaintenance(soon.id, { endsAt: T0 + 120 * MIN }, ops, T0 + MIN);
    expect(moved).toEqual({ ...soon, endsAt: T0 + 120 * MIN, updatedAt: T0 + MIN });
    const cancelled = await store.cancelMaintenance(later.id, ops, T0 + 2 * MIN);
    expect(cancelled).toMatchObject({ cancelled: true, updatedAt: T0 + 2 * MIN });
    expect(await store.getMaintenance(later.id)).toEqual(cancelled);
    expect(await store.listMaintenance({ endsAfter: T0, limit: 10 })).toEqual([moved]);
    expect((await store.listMaintenance({ endsAfter: T0 - 60 * MIN, limit: 10 })).map((m) => m.id)).toEqual([
      past.id,
      soon.id,
    ]);
    expect((await store.listAudit({ limit: 10 })).map((a) => [a.action, a.target])).toEqual([
      ['maintenance.cancel', `maintenance:${later.id}`],
      ['maintenance.update', `maintenance:${soon.id}`],
      ['maintenance.schedule', `maintenance:${past.id}`],
      ['maintenance.schedule', `maintenance:${soon.id}`],
      ['maintenance.schedule', `maintenance:${later.id}`],
    ]);
  });

  it('pages the audit trail newest first below a cursor', async () => {
    for (let i = 0; i < 3; i++) await store.createIncident(outage(), ops, T0 + i);
    const all = await store.listAudit({ limit: 10 });
    expect(all.map((a) => a.at)).toEqual([T0 + 2, T0 + 1, T0]);
    expect(await store.listAudit({ limit: 1, before: all[0]!.id })).toEqual([all[1]]);
    expect(await store.listAudit({ limit: -1 })).toEqual([]);
  });

  it('keeps the first replica’s state for a minute and ignores a second replica’s', async () => {
    const replica = await open();
    await store.recordStates([
      { component: 'prescriptions', minute: T0, state: 'operational' },
      { component: 'prescriptions', minute: T0 + MIN, state: 'degraded' },
    ]);
    await replica.recordStates([
      { component: 'prescriptions', minute: T0, state: 'major_outage' },
      { component: 'prescriptions', minute: T0 + MIN, state: 'major_outage' },
      { component: 'prescriptions', minute: T0 + 2 * MIN, state: 'operational' },
    ]);
    await replica.recordStates([]);
    expect(await store.stateMinutes('prescriptions', T0, T0 + 3 * MIN)).toEqual({ operational: 2, degraded: 1 });
  });

  it('counts minutes per state in [from, to), per component', async () => {
    const day: StateMinute[] = [];
    for (let m = 0; m < 1_440; m++) {
      day.push({
        component: 'medication-history',
        minute: T0 + m * MIN,
        state: m < 30 ? 'major_outage' : 'operational',
      });
      if (m < 10) day.push({ component: 'allergies', minute: T0 + m * MIN, state: 'unknown' });
    }
    await store.recordStates(day);
    expect(await store.stateMinutes('medication-history', T0, T0 + 1_440 * MIN)).toEqual({
      major_outage: 30,
      operational: 1_410,
    });
    expect(await store.stateMinutes('medication-history', T0 + 29 * MIN, T0 + 31 * MIN)).toEqual({
      major_outage: 1,
      operational: 1,
    });
    expect(await store.stateMinutes('medication-history', T0, T0)).toEqual({});
    expect(await store.stateMinutes('allergies', T0, T0 + 1_440 * MIN)).toEqual({ unknown: 10 });
    expect(await store.stateMinutes('nobody', T0, T0 + 1_440 * MIN)).toEqual({});
  });

  it('records call volume once per bucket and returns [from, to) oldest first', async () => {
    const replica = await open();
    await store.recordVolume([
      { component: 'prescriptions', at: T0 + MIN, rate: 12.5 },
      { component: 'prescriptions', at: T0, rate: 0.1 + 0.2 },
    ]);
    await replica.recordVolume([
      { component: 'prescriptions', at: T0, rate: 99 },
      { component: 'prescriptions', at: T0 + 2 * MIN, rate: 0 },
      { component: 'allergies', at: T0, rate: 3 },
    ]);
    expect(await store.volume('prescriptions', T0, T0 + 2 * MIN)).toEqual([
      { component: 'prescriptions', at: T0, rate: 0.1 + 0.2 },
      { component: 'prescriptions', at: T0 + MIN, rate: 12.5 },
    ]);
    expect(await store.volume('prescriptions', T0 + 2 * MIN, T0 + 3 * MIN)).toHaveLength(1);
  });
});
