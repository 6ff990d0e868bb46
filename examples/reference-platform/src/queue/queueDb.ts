import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PlatformError } from '../PlatformError.js';
import type { Pending, Row } from './queueTypes.js';

/**
 * Opens (or creates) the queue database in `dataDir`: WAL, synchronous=FULL, and the `queue` and
 * `delivered` tables. Throws HARTSLAG_ERR_PLATFORM_DATA_DIR naming the file when it cannot.
 */
export function openQueueDb(dataDir: string): Database.Database {
  const file = join(dataDir, 'messages.sqlite');
  try {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before the 202 goes out (NORMAL may lose the last commits on power loss).
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        recipient TEXT NOT NULL,
        tenant TEXT NOT NULL,
        body TEXT NOT NULL,
        accepted_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS delivered (id TEXT PRIMARY KEY, delivered_at INTEGER NOT NULL) WITHOUT ROWID;
    `);
    return db;
  } catch (err) {
    throw new PlatformError(
      'HARTSLAG_ERR_PLATFORM_DATA_DIR',
      `cannot open the message queue at ${file}: ${(err as Error).message}. ` +
        'Pass a dataDir that exists or can be created and is writable, and used by one platform process at a time.',
      { cause: err },
    );
  }
}

/** The queue's statements, prepared once; the two batches each run in one transaction. */
export interface QueueStatements {
  refill: Database.Statement<[number, number], Row>;
  oldest: Database.Statement<[], { accepted_at: number }>;
  /** Inserts the messages, all acknowledged at the same moment. */
  enqueueBatch: (batch: Pending[]) => void;
  /** Moves delivered messages from `queue` to `delivered`; returns how many were there already. */
  deliverBatch: (rows: Row[]) => number;
}

export function queueStatements(db: Database.Database): QueueStatements {
  // AUTOINCREMENT: seqs never come back after a delete, so reading "seq > cursor" misses nothing.
  const insert = db.prepare('INSERT INTO queue (id, recipient, tenant, body, accepted_at) VALUES (?, ?, ?, ?, ?)');
  const insertDelivered = db.prepare('INSERT INTO delivered (id, delivered_at) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const remove = db.prepare('DELETE FROM queue WHERE seq = ?');
  return {
    refill: db.prepare<[number, number], Row>(
      'SELECT seq, id, accepted_at FROM queue WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    oldest: db.prepare<[], { accepted_at: number }>('SELECT accepted_at FROM queue ORDER BY seq LIMIT 1'),
    enqueueBatch: db.transaction((batch: Pending[]) => {
      const now = Date.now();
      for (const p of batch) insert.run(p.id, p.message.to, p.message.tenant, p.message.body, now);
    }),
    deliverBatch: db.transaction((rows: Row[]) => {
      const now = Date.now();
      let duplicates = 0;
      for (const r of rows) {
        if (insertDelivered.run(r.id, now).changes === 0) duplicates += 1;
        remove.run(r.seq);
      }
      return duplicates;
    }),
  };
}
