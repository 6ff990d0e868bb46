import { type RunningPostgres, startPostgres } from '@hartslag/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresSloHistory } from '../../src/history-postgres.js';

/** The tables as @hartslag/metrics created them before grouped SLOs (no slo_rank, no slo_schema). */
const SCHEMA_1 = `
  create table slo_series (
    id bigserial primary key,
    service text not null, slo text not null, operation text not null, grp text not null,
    state text,
    unique (service, slo, operation, grp)
  );
  create table slo_fine (
    series bigint not null, slot bigint not null, total float8 not null, bad float8 not null,
    primary key (series, slot)
  );
  create table slo_minute (
    series bigint not null, slot bigint not null, total float8 not null, bad float8 not null,
    primary key (series, slot)
  );
`;

let postgres: RunningPostgres | undefined;
beforeAll(async () => {
  postgres = await startPostgres({ settings: { fsync: 'off' } });
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

describe('the SLO history in PostgreSQL written before grouped SLOs', () => {
  it('opens without loss and is upgraded in place to schema 2', async () => {
    const url = await postgres!.createDatabase();
    const lastTick = Date.now() - 60_000;
    const minute = Math.floor(lastTick / 60_000);
    const state = { firstAt: lastTick - 3_600_000, lastTick, lastInactive: lastTick, wasActive: false, timers: [null] };
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(SCHEMA_1);
    await client.query(
      `insert into slo_series (service, slo, operation, grp, state) values ('medication-history', 'login', 'login', '', $1)`,
      [JSON.stringify(state)],
    );
    await client.query('insert into slo_minute (series, slot, total, bad) values (1, $1, 120, 3), (1, $2, 80, 0)', [
      minute - 1,
      minute,
    ]);

    const store = await openPostgresSloHistory(url, { service: 'medication-history' });
    const key = { service: 'medication-history', slo: 'login', operation: 'login', group: '' };
    expect(store.load(key)).toEqual(state);
    expect(store.buckets(key, 'minute', minute - 10)).toEqual([
      { slot: minute - 1, total: 120, bad: 3 },
      { slot: minute, total: 80, bad: 0 },
    ]);
    await store.closeAsync();
    const version = await client.query<{ version: number }>('select version from slo_schema');
    expect(version.rows).toEqual([{ version: 2 }]);
    const rank = await client.query("select to_regclass('slo_rank') is not null as present");
    expect(rank.rows).toEqual([{ present: true }]);
    // A database a newer version upgraded further is refused, not written with an older layout.
    await client.query('update slo_schema set version = 3');
    await expect(openPostgresSloHistory(url)).rejects.toMatchObject({
      code: 'HARTSLAG_ERR_HISTORY_STORE',
      message: expect.stringMatching(/newer @hartslag\/metrics \(schema 3/),
    });
    await client.end();
  }, 120_000);
});
