import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningPostgres, startPostgres, waitFor } from '@hartslag/testkit';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { StoreOptions } from '../../src/store/openStore.js';

/**
 * Where a test's store lives: a fresh SQLite file or a fresh database on the file's one
 * PostgreSQL server. `query` reads the database behind the store's back, as an operator would.
 */
export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  start(): Promise<void>;
  /** A new, empty database. */
  fresh(): Promise<StoreOptions>;
  query<T = Record<string, unknown>>(options: StoreOptions, text: string): Promise<T[]>;
  /**
   * Until no other session works on the database. A client killed just after sending COMMIT
   * leaves its server session to finish the transaction: a check that reads before then sees the
   * store mid-change (PostgreSQL; an SQLite writer's commit is done when its process dies).
   */
  settled(options: StoreOptions): Promise<void>;
  stop(): Promise<void>;
  /** The PostgreSQL server, for crash tests. */
  readonly server?: RunningPostgres;
}

export function sqliteBackend(): Backend {
  let dir = '';
  let n = 0;
  return {
    name: 'sqlite',
    async start() {
      dir = mkdtempSync(join(tmpdir(), 'hartslag-store-'));
    },
    async fresh() {
      return { sqlitePath: join(dir, `db-${++n}`, 'status.db') };
    },
    async query<T>(options: StoreOptions, text: string) {
      const db = new SqliteDatabase(options.sqlitePath!, { fileMustExist: true });
      try {
        const statement = db.prepare(text);
        if (statement.reader) return statement.all() as T[];
        statement.run();
        return [];
      } finally {
        db.close();
      }
    },
    async settled() {},
    async stop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): Backend {
  let server: RunningPostgres | undefined;
  return {
    name: 'postgres',
    get server() {
      return server;
    },
    async start() {
      server = await startPostgres();
    },
    async fresh() {
      return { databaseUrl: await server!.createDatabase() };
    },
    async query<T>(options: StoreOptions, text: string) {
      const client = new pg.Client(options.databaseUrl);
      await client.connect();
      try {
        return (await client.query(text)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async settled(options: StoreOptions) {
      const others = async () =>
        Number(
          (
            await this.query<{ n: unknown }>(
              options,
              'select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
            )
          )[0]!.n,
        );
      await waitFor(
        "the killed writers' sessions to end",
        async () => ((await others()) === 0 ? true : undefined),
        30_000,
      );
    },
    async stop() {
      await server?.stop();
    },
  };
}

export const backends = (): Backend[] => [sqliteBackend(), postgresBackend()];
