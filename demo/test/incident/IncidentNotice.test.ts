import { openStore, type StatusStore } from '@hartslag/status-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentNotice } from '../../src/incident/IncidentNotice.js';

let store: StatusStore;
beforeEach(async () => {
  store = await openStore({ sqlitePath: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('the incident the on-call engineer writes', () => {
  it('is opened once however often the outage is seen, in Dutch and English, and resolved once', async () => {
    const errors: unknown[] = [];
    let now = Date.parse('2026-12-02T12:01:30Z');
    const notice = new IncidentNotice(
      store,
      'medication-history',
      (e) => errors.push(e),
      () => now,
    );
    await Promise.all([notice.declare(), notice.declare()]);
    await notice.declare();
    const open = await store.listIncidents({ open: true, limit: 10 });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ impact: 'major', status: 'investigating', components: ['medication-history'] });
    expect(open[0]!.title).toMatchObject({
      nl: 'Medicatiehistorie niet beschikbaar',
      en: 'Medication history unavailable',
    });
    now += 6 * 60_000;
    await notice.resolve();
    await notice.resolve();
    expect(await store.listIncidents({ open: true, limit: 10 })).toEqual([]);
    const [resolved] = await store.listIncidents({ limit: 10 });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: Date.parse('2026-12-02T12:07:30Z') });
    expect(notice.openIncident).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('reports a store that cannot write, and does not stop the demo', async () => {
    const errors: unknown[] = [];
    await store.close();
    const notice = new IncidentNotice(store, 'medication-history', (e) => errors.push(e));
    await notice.declare();
    expect(errors).toHaveLength(1);
    store = await openStore({ sqlitePath: ':memory:' });
  });
});
