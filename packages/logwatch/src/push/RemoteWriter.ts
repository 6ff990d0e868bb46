import type { Registry, RegistryContentType } from 'prom-client';
import type { PushConfig } from '../config/Config.js';
import { type Chunk, PushQueue, type QueuedChunk } from './PushQueue.js';
import { encodeWriteRequest, type PushSeries } from './writeRequest.js';

/** What the writer has done, for the self-metrics and for tests. */
export interface PushStats {
  /** Requests the receiver accepted. */
  requests: number;
  /** Samples in accepted requests. */
  samples: number;
  /** Requests that failed and will be tried again (network, timeout, 5xx, 429). */
  failures: number;
  /** Requests the receiver refused for good (other 4xx); their samples are dropped. */
  rejected: number;
  /** Snapshots dropped because the queue was full (older points lost, totals not). */
  dropped: number;
  /** Snapshots waiting. */
  queued: number;
  /** Time of the last accepted request (ms since the epoch; 0: none yet). */
  lastSuccess: number;
}

export interface RemoteWriterOptions {
  /** Where `push-queue.json` is kept (the checkpoint directory); without it the queue is in memory. */
  dir?: string;
  /**
   * Writes a checkpoint now; false when it could not. A snapshot is queued only after a checkpoint
   * taken after it, so every value pushed is at most what a restart resumes from: a crash never
   * shows the receiver a counter going down (a reset that rate() and increase() would misread).
   */
  checkpoint?: () => boolean;
  fetch?: typeof fetch;
  now?: () => number;
  onWarning?: (message: string) => void;
}

/**
 * Prometheus remote-write out. Every interval the registry is read whole and queued as a snapshot
 * with its time; the queue is sent oldest first, in requests of at most `batch` samples, and a
 * request leaves the queue only when the receiver accepted it. A failure is retried with
 * exponential backoff (with jitter, capped at maxBackoff) while snapshots keep being queued.
 *
 * Nothing is lost or counted twice because every value is cumulative: a request sent again after
 * a lost answer repeats the same (series, time, value), which the receiver ignores; a snapshot
 * dropped from a full queue only thins the history, the next one carries the totals.
 */
export class RemoteWriter {
  private queue: QueuedChunk[] = [];
  private snapshots = 0;
  private readonly store: PushQueue | undefined;
  private readonly checkpoint: () => boolean;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private attempt = 0;
  readonly stats: PushStats = {
    requests: 0,
    samples: 0,
    failures: 0,
    rejected: 0,
    dropped: 0,
    queued: 0,
    lastSuccess: 0,
  };

  constructor(
    private readonly registry: Registry<RegistryContentType>,
    private readonly config: PushConfig,
    options: RemoteWriterOptions = {},
  ) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.warn = options.onWarning ?? ((m) => process.stderr.write(`${m}\n`));
    this.checkpoint = options.checkpoint ?? (() => true);
    this.store = options.dir === undefined ? undefined : new PushQueue(options.dir, this.warn);
    const saved = this.store?.read();
    if (saved !== undefined) {
      this.queue = saved.queue;
      this.snapshots = saved.snapshots;
      Object.assign(this.stats, saved.totals);
      this.stats.queued = this.queuedSnapshots();
    }
  }

  /** Reads every series of the registry now and queues them. */
  async snapshot(): Promise<void> {
    const at = this.now();
    const series: Chunk['series'] = [];
    const extra = Object.entries(this.config.labels);
    for (const family of await this.registry.getMetricsAsJSON()) {
      for (const v of family.values as {
        labels: Record<string, string | number>;
        value: number;
        metricName?: string;
      }[]) {
        if (typeof v.value !== 'number') continue;
        const labels = new Map<string, string>(extra);
        for (const [k, x] of Object.entries(v.labels)) labels.set(k, String(x));
        labels.set('__name__', v.metricName ?? family.name);
        series.push({ labels: [...labels].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)), value: v.value });
      }
    }
    if (!this.checkpoint()) return; // Not queued: the checkpoint might be lower than these values.
    const id = ++this.snapshots;
    for (let i = 0; i < series.length; i += this.config.batch) {
      this.queue.push({ snapshot: id, chunk: { at, series: series.slice(i, i + this.config.batch) } });
    }
    // Over the limit, the oldest snapshots go whole: a later one holds the same totals.
    while (this.queuedSnapshots() > this.config.maxQueue) {
      const oldest = this.queue[0]!.snapshot;
      this.queue = this.queue.filter((q) => q.snapshot !== oldest);
      this.stats.dropped++;
    }
    this.stats.queued = this.queuedSnapshots();
    this.persist();
  }

  /**
   * Sends the queue, oldest first. Resolves true when it is empty, false at the first request that
   * failed and should be tried again later.
   */
  async flush(): Promise<boolean> {
    while (this.queue.length > 0) {
      // Whole chunks while they fit in one request (a chunk alone always does).
      let n = 0;
      let samples = 0;
      while (n < this.queue.length && (n === 0 || samples + this.queue[n]!.chunk.series.length <= this.config.batch)) {
        samples += this.queue[n]!.chunk.series.length;
        n++;
      }
      const taken = this.queue.slice(0, n);
      const outcome = await this.send(merge(taken.map((q) => q.chunk)));
      if (outcome === 'retry') {
        this.stats.failures++;
        this.persist();
        return false;
      }
      if (outcome === 'sent') {
        this.stats.requests++;
        this.stats.samples += samples;
        this.stats.lastSuccess = this.now();
      } else {
        this.stats.rejected++;
      }
      this.queue.splice(0, n);
      this.stats.queued = this.queuedSnapshots();
    }
    // Once per flush, not per request (each write is two fsyncs): after a crash in between, what
    // was sent is sent again, which the receiver ignores.
    this.persist();
    this.attempt = 0;
    return true;
  }

  /** Snapshot and send every interval; after a failure, wait the backoff before the next try. */
  start(): void {
    const round = async () => {
      let ok = false;
      try {
        await this.snapshot();
        ok = await this.flush();
      } catch (err) {
        this.warn(`push: ${(err as Error).message}`);
      }
      if (this.stopped) return;
      this.timer = setTimeout(
        () => {
          this.running = round();
        },
        ok ? this.config.intervalSeconds * 1000 : this.backoff(),
      );
    };
    this.running = round();
  }

  /** Stops the rounds, then takes a last snapshot and tries once to send what is queued. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.snapshot();
    await this.flush();
  }

  private persist(): void {
    const { requests, samples, failures, rejected, dropped, lastSuccess } = this.stats;
    this.store?.write({
      version: 1,
      snapshots: this.snapshots,
      totals: { requests, samples, failures, rejected, dropped, lastSuccess },
      queue: this.queue,
    });
  }

  private backoff(): number {
    this.attempt++;
    const max = this.config.maxBackoffSeconds * 1000;
    const base = Math.min(max, 250 * 2 ** Math.min(this.attempt, 20));
    // Full jitter on the upper half, so writers cut off together do not come back together.
    return base / 2 + (Math.random() * base) / 2;
  }

  private async send(series: PushSeries[]): Promise<'sent' | 'retry' | 'refused'> {
    let res: Response;
    try {
      res = await this.fetch(this.config.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-protobuf',
          'Content-Encoding': 'snappy',
          'X-Prometheus-Remote-Write-Version': '0.1.0',
          'User-Agent': 'hartslag-logwatch',
        },
        body: encodeWriteRequest(series),
        signal: AbortSignal.timeout(this.config.timeoutSeconds * 1000),
      });
    } catch (err) {
      this.warnFailure(
        `push to ${this.config.url} failed (${(err as Error).cause ?? (err as Error).message}); retrying`,
      );
      return 'retry';
    }
    const text = await res.text().catch(() => '');
    if (res.ok) return 'sent';
    if (res.status >= 500 || res.status === 429) {
      this.warnFailure(`push to ${this.config.url} answered ${res.status} ${text.trim()}; retrying`);
      return 'retry';
    }
    this.warn(`push to ${this.config.url} refused ${series.length} series: ${res.status} ${text.trim()}; dropped`);
    return 'refused';
  }

  private warnFailure(message: string): void {
    // Once per outage, not once per try.
    if (this.attempt === 0) this.warn(message);
  }

  private queuedSnapshots(): number {
    return new Set(this.queue.map((q) => q.snapshot)).size;
  }
}

/** Chunks → series, each with its samples in time order (chunks are queued in time order). */
function merge(chunks: Chunk[]): PushSeries[] {
  const out = new Map<string, PushSeries>();
  for (const c of chunks) {
    for (const s of c.series) {
      const key = s.labels.map(([k, v]) => `${k}\u0000${v}`).join('\u0001');
      let series = out.get(key);
      if (series === undefined) {
        series = { labels: s.labels, samples: [] };
        out.set(key, series);
      }
      series.samples.push({ value: s.value, timestamp: c.at });
    }
  }
  return [...out.values()];
}
