import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../checkpoint/writeAtomic.js';

/** The registry's series at one instant, in chunks of at most `batch` series. */
export interface Chunk {
  at: number;
  series: { labels: [string, string][]; value: number }[];
}

export interface QueuedChunk {
  snapshot: number;
  chunk: Chunk;
}

/** The writer's counters that are exported as cumulative series: kept across restarts like the call counters. */
export interface PushTotals {
  requests: number;
  samples: number;
  failures: number;
  rejected: number;
  dropped: number;
  lastSuccess: number;
}

export interface PushQueueState {
  version: 1;
  /** The last snapshot number given out. */
  snapshots: number;
  totals: PushTotals;
  queue: QueuedChunk[];
}

export const PUSH_QUEUE_FILE = 'push-queue.json';

/**
 * The unsent snapshots on disk (`push-queue.json` beside the checkpoint), rewritten atomically
 * whenever the queue changes, so a crash during an outage keeps the outage's history. Undefined
 * from `read` when there is none; a file that is not one is reported through `warn` and left out:
 * the totals do not depend on it, only the history of an outage does.
 */
export class PushQueue {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {
    this.file = join(dir, PUSH_QUEUE_FILE);
  }

  read(): PushQueueState | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.warn(`push: cannot read ${this.file}: ${(err as Error).message}; starting with an empty queue`);
      return undefined;
    }
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      v = undefined;
    }
    if (!isState(v)) {
      this.warn(`push: ${this.file} is not a logwatch push queue; starting with an empty queue`);
      return undefined;
    }
    return v;
  }

  /** False (and a warning) when it cannot be written; the queue stays in memory. */
  write(state: PushQueueState): boolean {
    try {
      writeAtomic(this.dir, PUSH_QUEUE_FILE, JSON.stringify(state));
      return true;
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      this.warn(`push: cannot write ${this.file} (${why}); the queue is kept in memory only`);
      return false;
    }
  }
}

const TOTALS: (keyof PushTotals)[] = ['requests', 'samples', 'failures', 'rejected', 'dropped', 'lastSuccess'];

function isState(v: unknown): v is PushQueueState {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Partial<PushQueueState>;
  if (s.version !== 1 || typeof s.snapshots !== 'number' || !Array.isArray(s.queue)) return false;
  if (s.totals === null || typeof s.totals !== 'object') return false;
  if (!TOTALS.every((k) => typeof s.totals![k] === 'number')) return false;
  return s.queue.every(
    (q) =>
      q !== null &&
      typeof q === 'object' &&
      typeof q.snapshot === 'number' &&
      typeof q.chunk?.at === 'number' &&
      Array.isArray(q.chunk.series) &&
      q.chunk.series.every(
        (x) =>
          typeof x?.value === 'number' &&
          Array.isArray(x.labels) &&
          x.labels.every((l) => Array.isArray(l) && typeof l[0] === 'string' && typeof l[1] === 'string'),
      ),
  );
}
