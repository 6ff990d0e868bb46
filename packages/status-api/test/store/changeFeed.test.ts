import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import type { StatusStore } from '../../src/store/StatusStore.js';
import { postgresBackend } from './backends.js';

const postgres = postgresBackend();
const ops = { name: 'ops' };
const incident = {
  title: { en: 'Slow' },
  status: 'investigating' as const,
  impact: 'minor' as const,
  components: ['medication-history'],
  body: { en: 'Looking.' },
};

/** Resolves at the listener's next call. */
function nextCall(store: StatusStore): { called: Promise<void>; count: () => number; stop: () => void } {
  let n = 0;
  let resolve = () => {};
  const called = new Promise<void>((r) => {
    resolve = r;
  });
  const stop = store.watch(() => {
    n++;
    resolve();
  });
  return { called, count: () => n, stop };
}

describe('store.watch on PostgreSQL (LISTEN/NOTIFY between replicas)', () => {
  beforeAll(() => postgres.start(), 60_000);
  afterAll(() => postgres.stop());

  it('tells a replica when another one committed an incident or maintenance write, not a history write', async () => {
    const options = await postgres.fresh();
    const writer = await openStore(options);
    const reader = await openStore(options);
    try {
      const first = nextCall(reader);
      // Let the LISTEN connection come up: a notification before it is not delivered.
      await waitListening(postgres, options.databaseUrl!);
      await writer.recordStates([{ component: 'medication-history', minute: 0, state: 'operational' }]);
      await writer.createIncident(incident, ops, 1);
      await first.called;
      const seen = await writer.listIncidents({ limit: 5 });
      expect(seen).toHaveLength(1);
      // One announcement for the one declaration write; the history write announced nothing.
      await writer.scheduleMaintenance(
        { title: { en: 'x' }, body: { en: 'y' }, components: ['medication-history'], startsAt: 10, endsAt: 20 },
        ops,
        2,
      );
      await waitUntil(() => first.count() === 2);
      expect(first.count()).toBe(2);
      first.stop();
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('listens again after its connection was cut, and tells once then (announcements may be lost)', async () => {
    const options = await postgres.fresh();
    const store = await openStore(options);
    try {
      const calls = nextCall(store);
      await waitListening(postgres, options.databaseUrl!);
      await postgres.query(
        options,
        "select pg_terminate_backend(pid) from pg_stat_activity where query like 'LISTEN%' and datname = current_database()",
      );
      await calls.called;
      await waitListening(postgres, options.databaseUrl!);
      await store.createIncident(incident, ops, 1);
      await waitUntil(() => calls.count() === 2);
      expect(calls.count()).toBe(2);
    } finally {
      await store.close();
    }
  });
});

async function waitListening(backend: typeof postgres, url: string): Promise<void> {
  await waitUntil(
    async () =>
      (
        await backend.query<{ n: number }>(
          { databaseUrl: url },
          "select count(*)::int as n from pg_stat_activity where query like 'LISTEN%' and datname = current_database()",
        )
      )[0]!.n > 0,
  );
}

async function waitUntil(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the condition never held');
}
