import type pg from 'pg';

const SCHEMA = `
  create table if not exists slo_series (
    id bigserial primary key,
    service text not null, slo text not null, operation text not null, grp text not null,
    state text,
    unique (service, slo, operation, grp)
  );
  create table if not exists slo_fine (
    series bigint not null, slot bigint not null, total float8 not null, bad float8 not null,
    primary key (series, slot)
  );
  create table if not exists slo_minute (
    series bigint not null, slot bigint not null, total float8 not null, bad float8 not null,
    primary key (series, slot)
  );
  create table if not exists slo_rank (
    series bigint not null, grp text not null, slot bigint not null, total float8 not null,
    primary key (series, grp, slot)
  );
  create table if not exists slo_schema (version integer not null);
  insert into slo_schema (version) select 1 where not exists (select 1 from slo_schema);
`;

/**
 * Schema version in `slo_schema`: 2 added `slo_rank` (grouped SLOs' calls per group). A database
 * of version 1 (or from before the version table) is upgraded in place by SCHEMA.
 */
const SCHEMA_VERSION = 2;

/** Creates or upgrades the tables; refuses a database a newer Hartslag wrote. */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    // One upgrade at a time when several replicas open the same database.
    await client.query('select pg_advisory_xact_lock(7406412)');
    await client.query(SCHEMA);
    const { rows } = await client.query<{ version: number }>('select version from slo_schema');
    const version = rows[0]!.version;
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `it was written by a newer @hartslag/metrics (schema ${version}, this one knows ${SCHEMA_VERSION}); run that version or newer`,
      );
    }
    await client.query('update slo_schema set version = $1', [SCHEMA_VERSION]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
