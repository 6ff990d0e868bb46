import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@hartslag/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations/migrations.js';
import { openStore } from '../../src/store/openStore.js';
import { STORE_ERROR_CODES, StoreError } from '../../src/store/StoreError.js';
import { type Backend, backends } from './backends.js';

const ops = { name: 'ops' };
/** The same names for both kinds; kysely_migration lists them in name order. */
const ALL_MIGRATIONS = Object.keys(migrations('sqlite')).sort();
const incident = {
  title: { en: 'Slow' },
  status: 'investigating' as const,
  impact: 'minor' as const,
  components: ['prescriptions'],
  body: { en: 'Looking.' },
};

async function failure(p: Promise<unknown>): Promise<StoreError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

describe('openStore', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hartslag-open-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects a DATABASE_URL that is not PostgreSQL, without echoing its password', async () => {
    const err = await failure(openStore({ databaseUrl: 'mysql://status:s3cret@db/status', sqlitePath: 'x.db' }));
    expect(err.code).toBe('HARTSLAG_ERR_STORE_URL');
    expect(err.message).toContain('postgres://');
    expect(err.message).not.toContain('s3cret');
  });

  it('says so when PostgreSQL cannot be reached, naming the server but not the password', async () => {
    const port = await freePort();
    const err = await failure(openStore({ databaseUrl: `postgresql://status:s3cret@127.0.0.1:${port}/status` }));
    expect(err.code).toBe('HARTSLAG_ERR_STORE_OPEN');
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.message).not.toContain('s3cret');
  });

  it('says so when the SQLite file cannot be created, or none is given', async () => {
    const err = await failure(openStore({ sqlitePath: '/dev/null/status.db' }));
    expect(err.code).toBe('HARTSLAG_ERR_STORE_OPEN');
    expect(err.message).toContain('/dev/null/status.db');
    expect((await failure(openStore({ databaseUrl: '  ' }))).code).toBe('HARTSLAG_ERR_STORE_OPEN');
  });

  it('creates the SQLite file and its folders, in WAL mode', async () => {
    const path = join(dir, 'a', 'b', 'status.db');
    const store = await openStore({ sqlitePath: path });
    await store.close();
    expect(existsSync(path)).toBe(true);
    expect(await sqlite.query({ sqlitePath: path }, 'pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('has a stable, unique error code list', () => {
    expect(new Set(STORE_ERROR_CODES).size).toBe(STORE_ERROR_CODES.length);
    for (const code of STORE_ERROR_CODES) expect(code).toMatch(/^HARTSLAG_ERR_STORE_[A-Z_]+$/);
  });
});

const [sqlite, postgres] = backends() as [Backend, Backend];
beforeAll(() => Promise.all([sqlite.start(), postgres.start()]));
afterAll(() => Promise.all([sqlite.stop(), postgres.stop()]));

describe.each([sqlite, postgres])('migrations on $name', (backend) => {
  it('runs each migration once, records it, and runs none when opened again', async () => {
    const options = await backend.fresh();
    const first = await openStore(options);
    const { id } = await first.createIncident(incident, ops, 1);
    await first.close();
    const recorded = await backend.query(options, 'select name, timestamp from kysely_migration');
    expect(recorded.map((r) => r.name)).toEqual(ALL_MIGRATIONS);
    const again = await openStore(options);
    expect(await backend.query(options, 'select name, timestamp from kysely_migration')).toEqual(recorded);
    expect((await again.getIncident(id))?.title).toEqual({ en: 'Slow' });
    await again.close();
  });

  it('refuses a database migrated by a newer version, and leaves it as it is', async () => {
    const options = await backend.fresh();
    await (await openStore(options)).close();
    await backend.query(options, "insert into kysely_migration (name, timestamp) values ('999_future', 'later')");
    const err = await failure(openStore(options));
    expect(err.code).toBe('HARTSLAG_ERR_STORE_SCHEMA_NEWER');
    expect(err.message).toContain('999_future');
    expect(await backend.query(options, 'select name from kysely_migration order by name')).toEqual(
      [...ALL_MIGRATIONS, '999_future'].map((name) => ({ name })),
    );
  });
});

describe('on PostgreSQL', () => {
  // Replicas share PostgreSQL. (SQLite connections in one process would wait for each other's lock
  // with the event loop blocked; several processes on one file are in durability.test.ts.)
  it('lets replicas that start at the same moment all open the store, migrating it once', async () => {
    const options = await postgres.fresh();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(options)));
    const created = await Promise.all(stores.map((s) => s.createIncident(incident, ops, 1)));
    expect(new Set(created.map((c) => c.id)).size).toBe(4);
    expect(await stores[0]!.listIncidents({ limit: 10 })).toHaveLength(4);
    expect(await postgres.query(options, 'select name from kysely_migration order by name')).toEqual(
      ALL_MIGRATIONS.map((name) => ({ name })),
    );
    await Promise.all(stores.map((s) => s.close()));
  });

  it('reads bigint as a number on its own pool only, leaving pg’s global parser alone', async () => {
    const store = await openStore(await postgres.fresh());
    const { id, createdAt } = await store.createIncident(incident, ops, 1_741_000_000_123);
    expect(typeof id).toBe('number');
    expect(createdAt).toBe(1_741_000_000_123);
    expect(pg.types.getTypeParser(20, 'text')('42')).toBe('42');
    await store.close();
  });
});
