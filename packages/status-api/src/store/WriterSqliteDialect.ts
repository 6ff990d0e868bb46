import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely's SQLite dialect with two changes for a store that more than one process may open:
 * - write transactions start with `BEGIN IMMEDIATE`: they take the write lock up front and wait
 *   for it (busy_timeout). A deferred transaction that reads, then writes, fails with SQLITE_BUSY
 *   when another process committed in between, and busy_timeout cannot help it.
 *   Transactions marked `read only` stay deferred: a snapshot, no lock.
 * - migrations run in one transaction (SQLite has transactional DDL; Kysely's adapter says it has
 *   not), so a crash mid-migration leaves the previous schema, never half of the next.
 */
export class WriterSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new WriterSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

class WriterSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    const begin = settings?.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
