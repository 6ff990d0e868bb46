import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { PlatformError } from '../PlatformError.js';
import { DrainRate, drainEtaSeconds } from './DrainRate.js';
import { QueueStageRecorder } from './QueueStages.js';
import { openQueueDb, type QueueStatements, queueStatements } from './queueDb.js';
import type { MessageQueueOptions, NewMessage, Pending, QueueStats, Row } from './queueTypes.js';

export type { QueueStages } from './QueueStages.js';
export type { MessageQueueOptions, NewMessage, QueueStats } from './queueTypes.js';

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
  private readonly sql: QueueStatements;

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
  private readonly stages: QueueStageRecorder;

  private deliveredCount: number;
  private backlogCount: number;
  private duplicateCount = 0;

  static open(options: MessageQueueOptions): MessageQueue {
    return new MessageQueue(options);
  }

  private constructor(private readonly options: MessageQueueOptions) {
    this.db = openQueueDb(options.dataDir);
    this.stages = new QueueStageRecorder(options.stages);
    const db = this.db;
    this.sql = queueStatements(db);
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
    this.sql.enqueueBatch(batch);
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
    const started = performance.now();
    try {
      this.sql.enqueueBatch(batch);
    } catch (err) {
      this.stages.storeFailed(batch.length, (performance.now() - started) / 1000);
      for (const p of batch) p.reject(err);
      return;
    }
    this.stages.stored(batch.length, (performance.now() - started) / 1000);
    this.backlogCount += batch.length;
    for (const p of batch) p.resolve(p.id);
    this.wake();
  }

  /** The next message no worker holds, or undefined when the queue is empty. */
  private takeOne(): Row | undefined {
    if (this.head === this.buffer.length) {
      this.buffer = this.sql.refill.all(this.cursor, REFILL);
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
          this.stages.refused();
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
    const duplicates = this.sql.deliverBatch(rows);
    this.duplicateCount += duplicates;
    this.deliveredCount += rows.length - duplicates;
    this.backlogCount -= rows.length;
    this.stages.delivered(rows.map((r) => r.accepted_at));
  }

  /** The stages' queues (every second, and after a fill). */
  private reportQueues(): void {
    if (this.closed) return;
    this.stages.queues(this.pending.length, this.backlogCount, () => this.sql.oldest.get()?.accepted_at);
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
