import { type CreateTableBuilder, type Kysely, type Migration, sql } from 'kysely';
import { IMPACTS, INCIDENT_STATUSES } from '../../incidents/model.js';
import type { StoreKind } from '../schema.js';

/** `'a', 'b'` from constants of the domain model (never from input). */
const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** Incidents with their timeline, maintenance windows, the audit trail and the uptime history. */
export function initial(kind: StoreKind): Migration {
  // SQLite's `integer primary key` is the rowid; PostgreSQL needs an identity column.
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    kind === 'postgres'
      ? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey());

  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('incidents'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${oneOf(INCIDENT_STATUSES)})`))
        .addColumn('impact', 'text', (c) => c.notNull().check(sql`impact in (${oneOf(IMPACTS)})`))
        .addColumn('components', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .execute();
      // The page asks for open incidents, newest first, on every load.
      await db.schema
        .createIndex('incidents_open')
        .on('incidents')
        .column('id')
        .where(sql.ref('resolved_at'), 'is', null)
        .execute();

      await withId(db.schema.createTable('incident_updates'))
        .addColumn('incident_id', 'bigint', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${oneOf(INCIDENT_STATUSES)})`))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('incident_updates_incident')
        .on('incident_updates')
        .columns(['incident_id', 'id'])
        .execute();

      await withId(db.schema.createTable('maintenance'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('components', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint', (c) => c.notNull())
        .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0).check(sql`cancelled in (0, 1)`))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('maintenance_upcoming')
        .on('maintenance')
        .columns(['ends_at', 'starts_at'])
        .where(sql.ref('cancelled'), '=', 0)
        .execute();

      // Newest first by id: the primary key is the only index the audit page needs.
      await withId(db.schema.createTable('audit'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();

      // The primary keys make recording idempotent across replicas and serve the range queries.
      await db.schema
        .createTable('state_minutes')
        .addColumn('component', 'text', (c) => c.notNull())
        .addColumn('minute', 'bigint', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('state_minutes_pk', ['component', 'minute'])
        .execute();
      await db.schema
        .createTable('volume')
        .addColumn('component', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('rate', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('volume_pk', ['component', 'at'])
        .execute();
    },

    async down(db: Kysely<unknown>) {
      for (const table of ['volume', 'state_minutes', 'audit', 'maintenance', 'incident_updates', 'incidents']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
