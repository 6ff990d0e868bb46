import { type CareMetrics, createCareMetrics } from '@hartslag/metrics';
import { Registry } from 'prom-client';
import { Checkpoint, type CheckpointState } from '../checkpoint/Checkpoint.js';
import type { Config, SourceConfig } from '../config/Config.js';
import { type CheckpointWriteError, LogwatchError } from '../errors.js';
import { LineParser } from '../parse/LineParser.js';
import { Ledger } from '../record/Ledger.js';
import { registerSelfMetrics } from '../self/registerSelfMetrics.js';
import { SourceStats } from '../self/SourceStats.js';
import { SourceTailer } from '../source/SourceTailer.js';

interface Source {
  config: SourceConfig;
  tailer: SourceTailer;
  parser: LineParser;
  stats: SourceStats;
}

export interface LogwatchOptions {
  /** Told about checkpoint failures, a glob that matches nothing, a refused reload. */
  onWarning?: (message: string) => void;
  /** The clock (ms since the epoch), for checkpoint age. */
  now?: () => number;
}

/**
 * One config at work: tail → parse → record (through @hartslag/metrics' recording API) →
 * checkpoint. `tick` does one round synchronously, so the offsets and counters a checkpoint holds
 * are of one instant.
 */
export class Logwatch {
  readonly metrics: CareMetrics;
  /** prom-client's, which our self metrics and the remote writer use beside the care_* families. */
  readonly registry = new Registry();
  private readonly ledger: Ledger;
  private readonly checkpoint: Checkpoint;
  private sources: Source[] = [];
  private config: Config;
  private lastWrite: number;
  private checkpointFailures = 0;
  private dirty = false;
  private readonly warned = new Set<string>();
  private readonly now: () => number;
  private readonly warn: (message: string) => void;

  constructor(config: Config, options: LogwatchOptions = {}) {
    this.config = config;
    this.now = options.now ?? Date.now;
    this.warn = options.onWarning ?? ((m) => process.stderr.write(`${m}\n`));
    this.metrics = createCareMetrics({
      service: config.service,
      registry: this.registry,
      onWarning: (e) => this.warn(e.message),
    });
    this.ledger = new Ledger(this.metrics);
    this.checkpoint = new Checkpoint(config.checkpoint.dir);
    const saved = this.checkpoint.read();
    this.lastWrite = saved?.writtenAt ?? this.now();
    if (saved !== undefined) this.ledger.replay(saved.ledger);
    this.sources = config.sources.map((s) => this.createSource(s, saved?.sources[s.name]));
    registerSelfMetrics(this.registry, {
      sources: () =>
        this.sources.map((s) => ({
          name: s.config.name,
          stats: s.stats,
          lag: s.tailer.lag,
          files: s.tailer.filesSeen,
        })),
      checkpointAge: () => (this.now() - this.lastWrite) / 1000,
      checkpointErrors: () => this.checkpointFailures,
    });
  }

  private createSource(config: SourceConfig, prior: CheckpointState['sources'][string] | undefined): Source {
    const stats = new SourceStats();
    stats.restore(prior?.self);
    const parser = new LineParser(config);
    const tailer = new SourceTailer(
      config.path,
      config.maxLineBytes,
      {
        line: (text) => {
          stats.linesRead++;
          const r = parser.parse(text);
          if (!r.ok) {
            stats.rejected[r.reason]++;
            return;
          }
          stats.linesParsed++;
          if (r.line.time !== undefined) stats.lastLineTimestamp = r.line.time / 1000;
          this.ledger.record(r.line.call);
        },
        reject: (reason) => {
          stats.linesRead++;
          stats.rejected[reason]++;
        },
      },
      prior?.streams ?? [],
    );
    return { config, tailer, parser, stats };
  }

  /**
   * Reads what is new in every source, up to a poll's share of each file; writes the checkpoint
   * when its interval has passed. True when a file still holds unread bytes: call again soon.
   */
  tick(): boolean {
    for (const s of this.sources) {
      const before = s.tailer.bytesRead;
      s.tailer.poll();
      s.stats.bytesRead += s.tailer.bytesRead - before;
      if (s.tailer.bytesRead !== before) this.dirty = true;
      if (s.tailer.filesSeen === 0)
        this.warnOnce(
          `glob:${s.config.name}`,
          `source "${s.config.name}": ${s.config.path} matches no file yet; waiting for one`,
        );
    }
    if (this.dirty && this.now() - this.lastWrite >= this.config.checkpoint.intervalSeconds * 1000) this.save();
    return this.sources.some((s) => s.tailer.lag > 0);
  }

  /** Writes offsets and counters now. A failure is reported and counted; the old checkpoint stays. */
  save(): boolean {
    const state: CheckpointState = {
      version: 1,
      writtenAt: this.now(),
      sources: Object.fromEntries(
        this.sources.map((s) => [s.config.name, { streams: s.tailer.state(), self: s.stats.toJSON() }]),
      ),
      ledger: this.ledger.state(),
    };
    try {
      this.checkpoint.write(state);
    } catch (err) {
      this.checkpointFailures++;
      this.warnOnce('checkpoint', (err as CheckpointWriteError).message);
      return false;
    }
    this.warned.delete('checkpoint');
    this.lastWrite = state.writtenAt;
    this.dirty = false;
    return true;
  }

  /** Makes the checkpoint hold what is recorded now (writes it unless nothing changed); false if it cannot. */
  checkpointNow(): boolean {
    return this.dirty ? this.save() : true;
  }

  /**
   * Takes a new config (sources added, removed or changed; same service and checkpoint). One that
   * cannot be taken is refused and the old one keeps running.
   */
  reload(next: Config): void {
    if (next.service !== this.config.service || next.checkpoint.dir !== this.config.checkpoint.dir) {
      throw new LogwatchError(
        'HARTSLAG_ERR_LOGWATCH_CONFIG',
        `${next.file}: service and checkpoint.dir cannot change while running; restart logwatch to change them`,
      );
    }
    // From memory, not the checkpoint: it may be older than what the ledger holds.
    const prior = new Map(
      this.sources.map((s) => [s.config.name, { streams: s.tailer.state(), self: s.stats.toJSON() }]),
    );
    for (const s of this.sources) s.tailer.close();
    this.config = next;
    this.sources = next.sources.map((s) => this.createSource(s, prior.get(s.name)));
    this.dirty = true;
  }

  get recorded(): number {
    return this.ledger.total;
  }

  close(): void {
    this.save();
    for (const s of this.sources) s.tailer.close();
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warn(message);
  }
}
