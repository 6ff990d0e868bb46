import type { Kysely, Migration } from 'kysely';

/**
 * Idempotency keys of writes, kept with the write in its transaction: a client that retries a
 * POST after its connection was cut gets the first result instead of a second incident.
 */
export function idempotency(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Per token holder: two clients that happen to pick the same key do not see each other's writes.
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('result_id', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor', 'key'])
        .execute();
      // Expired keys are deleted at every keyed write.
      await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('idempotency_keys').execute();
    },
  };
}
