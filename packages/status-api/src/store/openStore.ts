import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './KyselyStore.js';
import { migrationProvider, migrations } from './migrations/migrations.js';
import { PgChangeFeed } from './PgChangeFeed.js';
import type { StatusStore } from './StatusStore.js';
import { StoreError } from './StoreError.js';
import type { Database, StoreKind } from './schema.js';
import { WriterSqliteDialect } from './WriterSqliteDialect.js';

export interface StoreOptions {
  /** `postgres://` or `postgresql://` (usually DATABASE_URL): PostgreSQL. Empty or unset: SQLite. */
  databaseUrl?: string;
  /** The SQLite file when there is no databaseUrl; its folder is created. */
  sqlitePath?: string;
  /** The operator's log, for a lost LISTEN connection to PostgreSQL (it is opened again). */
  log?: (message: string, err?: unknown) => void;
}

/** PostgreSQL's oid for int8 (bigint, count(*)). */
const INT8 = 20;
/** How long opening a PostgreSQL connection may take. */
const PG_CONNECT_MS = 10_000;
/** How long a write waits for another process's SQLite write lock before it fails. */
const SQLITE_BUSY_MS = 5_000;
/**
 * How long a starting process keeps trying to take the write lock for its migration while other
 * processes keep writing: SQLite's busy handler gives no turn order, so one wait can lose to a
 * steady stream of short writes; the lock is free between them.
 */
const MIGRATION_LOCK_MS = 60_000;

/**
 * Opens the store and brings its schema to the current version. PostgreSQL when `databaseUrl` is
 * set (replicas may start at once: Kysely's migrator holds an advisory lock), SQLite otherwise.
 * Throws StoreError; nothing else is thrown at open.
 */
export async function openStore(options: StoreOptions): Promise<StatusStore> {
  const url = options.databaseUrl?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new StoreError(
        'HARTSLAG_ERR_STORE_URL',
        `DATABASE_URL must start with postgres:// or postgresql:// (got "${redact(url)}"). ` +
          'Unset DATABASE_URL to use the SQLite file instead.',
      );
    }
    return open('postgres', postgres(url), `PostgreSQL at ${redact(url)}`, new PgChangeFeed(url, options.log));
  }
  if (!options.sqlitePath) {
    throw new StoreError('HARTSLAG_ERR_STORE_OPEN', 'No database: set DATABASE_URL or give the SQLite file path.');
  }
  return open('sqlite', sqlite(options.sqlitePath), `SQLite file ${options.sqlitePath}`);
}

async function open(
  kind: StoreKind,
  connect: () => Kysely<Database>,
  where: string,
  feed?: PgChangeFeed,
): Promise<StatusStore> {
  let db: Kysely<Database> | undefined;
  try {
    db = connect();
    await sql`select 1`.execute(db);
  } catch (err) {
    await db?.destroy().catch(() => {});
    throw new StoreError(
      'HARTSLAG_ERR_STORE_OPEN',
      `Cannot open ${where}: ${(err as Error).message}. ` +
        (kind === 'postgres'
          ? 'Check that the server runs and accepts this user, password and database.'
          : 'Check that the folder exists or can be created and is writable by this process.'),
      { cause: err },
    );
  }
  try {
    await migrate(kind, db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return new KyselyStore(kind, db, feed);
}

async function migrate(kind: StoreKind, db: Kysely<Database>): Promise<void> {
  // A replica that starts next to running ones usually finds the schema current: it then needs
  // no write lock at all.
  if (await upToDate(kind, db)) return;
  const migrator = new Migrator({ db, provider: migrationProvider(kind) });
  const until = Date.now() + MIGRATION_LOCK_MS;
  let { error } = await migrator.migrateToLatest();
  for (let pause = 50; error && lockBusy(error) && Date.now() < until; pause = Math.min(pause * 2, 1_000)) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    ({ error } = await migrator.migrateToLatest());
  }
  if (!error) return;
  const unknown = await newerMigrations(kind, db);
  if (unknown.length > 0) {
    throw new StoreError(
      'HARTSLAG_ERR_STORE_SCHEMA_NEWER',
      `The database was migrated by a newer Hartslag (unknown migrations: ${unknown.join(', ')}). ` +
        'Run that version or newer, or restore the backup taken before the upgrade.',
      { cause: error },
    );
  }
  throw new StoreError(
    'HARTSLAG_ERR_STORE_MIGRATION',
    `Migrating the ${kind} schema failed: ${(error as Error).message}. Nothing of the failed migration was ` +
      'kept (it runs in one transaction); fix the cause (permissions, disk space) and start again.',
    { cause: error },
  );
}

/**
 * Whether the recorded migrations are exactly this version's (read without taking the write
 * lock). One it does not know means a newer version migrated: the migrator reports that.
 */
async function upToDate(kind: StoreKind, db: Kysely<Database>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const known = Object.keys(migrations(kind));
    const done = new Set(rows.map((r) => r.name));
    return done.size === known.length && known.every((name) => done.has(name));
  } catch {
    return false; // a new database: no migration table yet
  }
}

/** SQLite's "database is locked": another process holds the write lock, which frees again. */
function lockBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/** Recorded migrations this version does not have: a downgrade. */
async function newerMigrations(kind: StoreKind, db: Kysely<Database>): Promise<string[]> {
  try {
    const known = new Set(Object.keys(migrations(kind)));
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return rows.map((r) => r.name).filter((n) => !known.has(n));
  } catch {
    return [];
  }
}

function postgres(url: string): () => Kysely<Database> {
  return () => {
    // ids, ms timestamps and counts are int8; all fit in 2^53. On this pool only: the process may
    // hold other pg clients that expect strings.
    const types = new pg.TypeOverrides();
    types.setTypeParser(INT8, 'text', Number);
    // Without a timeout a connect to an unreachable host waits for the kernel (minutes), at start and later.
    const pool = new pg.Pool({ connectionString: url, types, connectionTimeoutMillis: PG_CONNECT_MS });
    // A dropped idle connection (server restart, failover) is replaced on the next query, which
    // reports its own error; without a listener the pool's 'error' event would end the process.
    pool.on('error', () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  };
}

function sqlite(path: string): () => Kysely<Database> {
  return () => {
    mkdirSync(dirname(path), { recursive: true });
    const database = new SqliteDatabase(path);
    database.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before the write resolves (NORMAL may lose the last commits on power loss).
    database.pragma('synchronous = FULL');
    database.pragma(`busy_timeout = ${SQLITE_BUSY_MS}`);
    database.pragma('foreign_keys = ON');
    return new Kysely<Database>({ dialect: new WriterSqliteDialect({ database }) });
  };
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
