import { Counter, Gauge, type Registry, type RegistryContentType } from 'prom-client';
import type { PushStats } from '../push/RemoteWriter.js';
import { REJECT_REASONS, SELF_METRICS } from './names.js';
import type { SourceStats } from './SourceStats.js';

export interface SelfView {
  sources(): { name: string; stats: SourceStats; lag: number; files: number }[];
  /** Seconds since the last checkpoint was written (since start when none yet). */
  checkpointAge(): number;
  checkpointErrors(): number;
}

/** Logwatch's own series, read from the live state at scrape time. */
export function registerSelfMetrics(registry: Registry<RegistryContentType>, view: SelfView): void {
  const counter = (name: string, help: string, read: (s: ReturnType<SelfView['sources']>[number]) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['source'],
      registers: [registry],
      collect() {
        this.reset();
        for (const s of view.sources()) this.inc({ source: s.name }, read(s));
      },
    });
  const gauge = (name: string, help: string, read: (s: ReturnType<SelfView['sources']>[number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['source'],
      registers: [registry],
      collect() {
        for (const s of view.sources()) this.set({ source: s.name }, read(s));
      },
    });
  counter(
    SELF_METRICS.linesRead,
    'Lines read from the source files (complete lines, rejected ones too).',
    (s) => s.stats.linesRead,
  );
  counter(SELF_METRICS.linesParsed, 'Lines parsed and recorded as calls.', (s) => s.stats.linesParsed);
  counter(SELF_METRICS.bytesRead, 'Bytes consumed from the source files.', (s) => s.stats.bytesRead);
  new Counter({
    name: SELF_METRICS.linesRejected,
    help: 'Lines not recorded, by reason.',
    labelNames: ['source', 'reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of view.sources()) {
        for (const r of REJECT_REASONS) this.inc({ source: s.name, reason: r }, s.stats.rejected[r]);
      }
    },
  });
  gauge(SELF_METRICS.lagBytes, 'Bytes in the source files not read yet (file size - offset).', (s) => s.lag);
  gauge(
    SELF_METRICS.lastLineTimestamp,
    "The last parsed line's own time, in seconds since the epoch (0: none yet).",
    (s) => s.stats.lastLineTimestamp,
  );
  gauge(SELF_METRICS.filesTracked, 'Files the source path matches now.', (s) => s.files);
  new Gauge({
    name: SELF_METRICS.checkpointAge,
    help: 'Seconds since the checkpoint (offsets and counters) was last written.',
    registers: [registry],
    collect() {
      this.set(view.checkpointAge());
    },
  });
  new Counter({
    name: SELF_METRICS.checkpointErrors,
    help: 'Checkpoint writes that failed (the last good checkpoint stays).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(view.checkpointErrors());
    },
  });
}

/** The remote-write series: requests, failures (retried), refusals, queue. */
export function registerPushMetrics(registry: Registry<RegistryContentType>, stats: PushStats): void {
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  counter(SELF_METRICS.pushRequests, 'Remote-write requests the receiver accepted.', () => stats.requests);
  counter(
    SELF_METRICS.pushFailures,
    'Remote-write requests that failed (network, timeout, 5xx, 429) and are tried again.',
    () => stats.failures,
  );
  counter(SELF_METRICS.pushRejected, 'Remote-write requests refused for good (4xx); dropped.', () => stats.rejected);
  counter(
    SELF_METRICS.pushDropped,
    'Snapshots dropped from a full push queue (history thinned; totals stay exact).',
    () => stats.dropped,
  );
  gauge(SELF_METRICS.pushQueued, 'Snapshots waiting to be pushed.', () => stats.queued);
  gauge(
    SELF_METRICS.pushLastSuccess,
    'When the receiver last accepted a request, in seconds since the epoch (0: never).',
    () => stats.lastSuccess / 1000,
  );
}
