import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A connection or a transaction: what every query of the store runs on. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Rows per INSERT: far below SQLite's 32 766 and PostgreSQL's 65 535 bound parameters. */
export const BATCH = 500;

/** SQLite reads a negative LIMIT as "no limit"; PostgreSQL rejects it. Neither is meant. */
export function rowLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}
