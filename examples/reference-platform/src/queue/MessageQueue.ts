import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { PipelineStage } from '@hartslag/metrics';
import Database from 'better-sqlite3';
import { PlatformError } from '../PlatformError.js';
import type { Downstream } from './Downstream.js';
import { DrainRate, drainEtaSeconds } from './DrainRate.js';

/** A message as POST /messages accepts it. */
export interface NewMessage {
  to: string;
  body: string;
  tenant: string;
}

export interface QueueStats {
  /** Messages ever acknowledged (in this data dir): delivered + backlog. */
  accepted: number;
  /** Messages delivered (in this data dir). */
  delivered: number;
  /** Deliveries of an id that was already delivered, since start; must stay 0. */
  duplicates: number;
  /** Messages acknowledged and not yet delivered. */
  backlog: number;
  drainRatePerSecond: number;
  /** Infinity while nothing drains and the backlog is not empty. */
  etaSeconds: number;
}

export interface MessageQueueOptions {
  /** Folder of the queue database (`messages.sqlite`); created if missing. */
  dataDir: string;
  downstream: Downstream;
  /** Concurrent deliveries. Default 4. */
  workers?: number;
  /**
   * Most messages a worker delivers before it commits them in one transaction (one fsync); it
   * commits sooner when 50 ms have passed. Default 256.
   */
  batchSize?: number;
  /**
   * Pipeline stages to record on (`metrics.pipeline('send-message')`): `store` is the commit of an
   * acknowledged message, `deliver` its delivery downstream, with the message's end-to-end age.
   */
  stages?: QueueStages;
}

export interface QueueStages {
  store: PipelineStage;
  deliver: PipelineStage;
}

interface Row {
  seq: number;
  id: string;
  /** When the message was acknowledged (ms since epoch): its own timestamp for the end-to-end age. */
  accepted_at: number;
}

interface Pending {
  id: string;
  message: NewMessage;
  resolve: (id: string) => void;
  reject: (err: unknown) => void;
}

/** Rows read into memory at a time for the workers. */
const REFILL = 1000;
const RETRY_MIN_MS = 20;
const RETRY_MAX_MS = 500;
const COMMIT_EVERY_MS = 50;

/**
 * A durable message queue on SQLite (WAL, synchronous=FULL): `enqueue` resolves only after the
 * message is on disk, so an acknowledged message survives kill -9 and power loss.
 *
 * Delivery is the insert into `delivered(id primary key)` in the same transaction that deletes
 * the message from `queue`: a crash either keeps both as they were (delivered later) or commits
 * both (never delivered again). An insert that finds the id already there is counted as a
 * duplicate rather than applied.
 */
export class MessageQueue {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertDelivered: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly refill: Database.Statement<[number, number], Row>;
  private readonly oldest: Database.Statement<[], { accepted_at: number }>;
  private readonly enqueueBatch: (batch: Pending[]) => void;
  private readonly deliverBatch: (rows: Row[]) => number;

  private readonly workers: Promise<void>[] = [];
  private readonly batchSize: number;
  /** Rows read into memory; messages the downstream refused go back in front of `head`. */
  private buffer: Row[] = [];
  /** Index of the next row of `buffer` to hand out. */
  private head = 0;
  /** Highest seq read into memory: later rows are read from the table. */
  private cursor = 0;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private waiters: Array<() => void> = [];
  private closing = false;
  private closed = false;
  /** The deliver stage is stalled (a fault): workers take nothing until it is released. */
  private held = false;
  private readonly rate: DrainRate;
  private readonly sampler: NodeJS.Timeout;
  private readonly offUp: () => void;

  private deliveredCount: number;
  private backlogCount: number;
  private duplicateCount = 0;

  static open(options: MessageQueueOptions): MessageQueue {
    return new MessageQueue(options);
  }

  private constructor(private readonly options: MessageQueueOptions) {
    const file = join(options.dataDir, 'messages.sqlite');
    try {
      mkdirSync(options.dataDir, { recursive: true });
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before the 202 goes out (NORMAL may lose the last commits on power loss).
      this.db.pragma('synchronous = FULL');
      this.db.exec(`
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
    } catch (err) {
      throw new PlatformError(
        'HARTSLAG_ERR_PLATFORM_DATA_DIR',
        `cannot open the message queue at ${file}: ${(err as Error).message}. ` +
          'Pass a dataDir that exists or can be created and is writable, and used by one platform process at a time.',
        { cause: err },
      );
    }
    const db = this.db;
    // AUTOINCREMENT: seqs never come back after a delete, so reading "seq > cursor" misses nothing.
    this.insert = db.prepare('INSERT INTO queue (id, recipient, tenant, body, accepted_at) VALUES (?, ?, ?, ?, ?)');
    this.insertDelivered = db.prepare('INSERT INTO delivered (id, delivered_at) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.remove = db.prepare('DELETE FROM queue WHERE seq = ?');
    this.refill = db.prepare<[number, number], Row>(
      'SELECT seq, id, accepted_at FROM queue WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.oldest = db.prepare<[], { accepted_at: number }>('SELECT accepted_at FROM queue ORDER BY seq LIMIT 1');
    this.enqueueBatch = db.transaction((batch: Pending[]) => {
      const now = Date.now();
      for (const p of batch) this.insert.run(p.id, p.message.to, p.message.tenant, p.message.body, now);
    });
    this.deliverBatch = db.transaction((rows: Row[]) => {
      const now = Date.now();
      let duplicates = 0;
      for (const r of rows) {
        if (this.insertDelivered.run(r.id, now).changes === 0) duplicates += 1;
        this.remove.run(r.seq);
      }
      return duplicates;
    });
    this.deliveredCount = (db.prepare('SELECT count(*) AS n FROM delivered').get() as { n: number }).n;
    this.backlogCount = (db.prepare('SELECT count(*) AS n FROM queue').get() as { n: number }).n;
    this.rate = new DrainRate(this.deliveredCount, Date.now());
    this.sampler = setInterval(() => {
      this.rate.sample(this.deliveredCount, Date.now());
      this.reportQueues();
    }, 1000);
    this.sampler.unref();
    this.batchSize = options.batchSize ?? 256;
    this.offUp = options.downstream.onUp(() => this.wake());
    for (let i = 0; i < (options.workers ?? 4); i++) this.workers.push(this.work());
  }

  /**
   * Queues a message; resolves with its id once it is committed. Messages arriving in the same
   * event-loop turn share one transaction (one fsync), which keeps synchronous=FULL affordable.
   */
  enqueue(message: NewMessage): Promise<string> {
    if (this.closing) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.pending.push({ id: randomUUID(), message, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Queues `count` messages in one transaction (a backlog for a demo or a drain measurement). */
  enqueueMany(count: number, make: (i: number) => NewMessage): string[] {
    if (this.closing) throw closedError();
    const batch: Pending[] = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      message: make(i),
      resolve: () => {},
      reject: () => {},
    }));
    this.enqueueBatch(batch);
    this.backlogCount += count;
    this.reportQueues();
    this.wake();
    return batch.map((p) => p.id);
  }

  /** Where a message is: still queued, delivered, or never acknowledged here. */
  statusOf(id: string): 'queued' | 'delivered' | 'unknown' {
    if (this.db.prepare('SELECT 1 FROM delivered WHERE id = ?').get(id)) return 'delivered';
    if (this.db.prepare('SELECT 1 FROM queue WHERE id = ?').get(id)) return 'queued';
    return 'unknown';
  }

  stats(): QueueStats {
    const rate = this.closed ? this.rate.current : this.rate.sample(this.deliveredCount, Date.now());
    return {
      accepted: this.deliveredCount + this.backlogCount,
      delivered: this.deliveredCount,
      duplicates: this.duplicateCount,
      backlog: this.backlogCount,
      drainRatePerSecond: rate,
      etaSeconds: drainEtaSeconds(this.backlogCount, rate),
    };
  }

  /**
   * Stalls the deliver stage (`'deliver'`) or releases it (undefined): held messages stay queued,
   * their age growing, and go out in order on release. Returns at once; workers see it between
   * messages.
   */
  hold(stage: 'deliver' | undefined): void {
    this.held = stage === 'deliver';
    if (!this.held) this.wake();
  }

  /** Stops the workers after their current message, commits what was delivered, and closes the database. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.offUp();
    clearInterval(this.sampler);
    this.wake();
    await Promise.all(this.workers);
    if (this.pending.length > 0) this.flush();
    this.closed = true;
    this.db.close();
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    const store = this.options.stages?.store;
    const started = performance.now();
    try {
      this.enqueueBatch(batch);
    } catch (err) {
      for (const p of batch) {
        store?.record('server_error', (performance.now() - started) / 1000);
        p.reject(err);
      }
      return;
    }
    if (store !== undefined) {
      // One commit (one fsync) for the batch: each message waited for all of it.
      const seconds = (performance.now() - started) / 1000;
      for (let i = 0; i < batch.length; i++) store.record('success', seconds);
    }
    this.backlogCount += batch.length;
    for (const p of batch) p.resolve(p.id);
    this.wake();
  }

  /** The next message no worker holds, or undefined when the queue is empty. */
  private takeOne(): Row | undefined {
    if (this.head === this.buffer.length) {
      this.buffer = this.refill.all(this.cursor, REFILL);
      this.head = 0;
      if (this.buffer.length === 0) return undefined;
      this.cursor = this.buffer[this.buffer.length - 1]!.seq;
    }
    return this.buffer[this.head++];
  }

  /** Puts back a message the downstream refused, first in line. */
  private giveBack(row: Row): void {
    if (this.head > 0) this.buffer[--this.head] = row;
    else this.buffer.unshift(row);
  }

  /**
   * One worker: takes messages one at a time (so a slow downstream keeps every worker busy) and
   * commits what it delivered every `batchSize` messages or COMMIT_EVERY_MS, whichever is first:
   * one fsync per batch instead of per message.
   */
  private async work(): Promise<void> {
    const { downstream } = this.options;
    let retryMs = RETRY_MIN_MS;
    while (!this.closing) {
      if (this.held) {
        // Woken by new messages, the release or close: a held stage re-checks and waits again.
        await this.pause();
        continue;
      }
      const done: Row[] = [];
      const started = performance.now();
      let refused = false;
      while (done.length < this.batchSize && !this.closing && !this.held) {
        if (done.length > 0 && performance.now() - started > COMMIT_EVERY_MS) break;
        const row = this.takeOne();
        if (row === undefined) break;
        if (!(await downstream.deliver())) {
          this.giveBack(row);
          this.options.stages?.deliver.record('server_error');
          refused = true;
          break;
        }
        done.push(row);
      }
      if (done.length > 0) this.commit(done);
      if (refused) {
        if (this.closing) break;
        // The downstream is down: retry with backoff, or as soon as it reports back up.
        await this.pause(retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      } else if (done.length === 0) {
        await this.pause();
      } else {
        retryMs = RETRY_MIN_MS;
        // With deliveryMs 0 nothing above waits on a timer: yield, or requests would starve.
        await yieldToLoop();
      }
    }
  }

  private commit(rows: Row[]): void {
    const duplicates = this.deliverBatch(rows);
    this.duplicateCount += duplicates;
    this.deliveredCount += rows.length - duplicates;
    this.backlogCount -= rows.length;
    const deliver = this.options.stages?.deliver;
    if (deliver !== undefined) for (const r of rows) deliver.record('success', undefined, r.accepted_at);
  }

  /**
   * The stages' queues, every second: messages waiting to be committed, and the backlog with its
   * oldest message. Pushed on a timer, not read at scrape time, as a service with its own queue
   * library would; the oldest message's age is still computed at each scrape.
   */
  private reportQueues(): void {
    const stages = this.options.stages;
    if (stages === undefined || this.closed) return;
    stages.store.queue(this.pending.length);
    stages.deliver.queue(this.backlogCount, this.backlogCount > 0 ? this.oldest.get()?.accepted_at : undefined);
  }

  /** Waits for new messages, the downstream coming back, close, or `ms`. */
  private pause(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.waiters = self.waiters.filter((w) => w !== done);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function closedError(): PlatformError {
  return new PlatformError(
    'HARTSLAG_ERR_PLATFORM_QUEUE_CLOSED',
    'the message queue is closed: the platform is shutting down. Retry against the restarted platform.',
  );
}
