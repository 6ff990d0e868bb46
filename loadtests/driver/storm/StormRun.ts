import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkFill, getQueue, type QueueState, setFaults } from '../admin.js';
import { type EnqueueResult, enqueueMessages } from '../enqueueMessages.js';
import { type RunningReferencePlatform, startReferencePlatform } from '../startReferencePlatform.js';
import { waitForDrain } from './drain.js';
import { type StageDrain, stageDrain } from './stageDrain.js';

/** How long the per-stage drain is watched after the restart. */
const STAGE_WINDOW_MS = 2000;

import type { BacklogSources, RestartStormOptions } from './options.js';

/** What the restart stage leaves for the books: the second life and the queue it found on disk. */
export interface Restarted {
  platform: RunningReferencePlatform;
  /** The queue as the restarted service found it on disk. */
  atRestart: QueueState;
  /** Resolves with the seconds until the pre-kill backlog is delivered. */
  drained: Promise<number>;
  /** Per-stage drain just after the restart (empty when the service records no pipeline stages). */
  stages: Promise<StageDrain[]>;
}

/**
 * The service's two lives and what the driver does to it at each stage of the storm: at
 * `downstream-down` the backlog builds (the scenario's traffic plus the driver's posts); at
 * `restart` it is topped up, the service is killed with SIGKILL and started again on the same data
 * directory and port.
 */
export class StormRun {
  readonly sources: BacklogSources = { traffic: 0, posted: 0, bulk: 0 };
  /** Seconds the downstream was down before the kill. */
  fillSeconds = 0;
  /** Seconds from the kill to the restarted service listening. */
  restartSeconds = 0;
  /** Nothing is delivered while the downstream is down: the count last seen is the one at the kill. */
  deliveredAtKill = 0;
  peakRssBeforeKill: number | undefined;
  restarted: Restarted | undefined;
  private posting: { stop: AbortController; done: Promise<EnqueueResult> } | undefined;
  private downAt: number | undefined;
  // The queue as last seen while the downstream is down, polled in the background: at the restart
  // stage the service is saturated, and the kill must not wait for a slow admin request.
  private lastSeen: QueueState;

  private constructor(
    private readonly options: RestartStormOptions,
    private readonly dataDir: string,
    readonly first: RunningReferencePlatform,
    /** The queue before the storm: the books count from here. */
    readonly base: QueueState,
  ) {
    this.lastSeen = base;
  }

  static async start(options: RestartStormOptions): Promise<StormRun> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hartslag-restart-storm-'));
    const first = await startLife(options, dataDir, options.port ?? 0);
    return new StormRun(options, dataDir, first, await getQueue(first.url));
  }

  /** The stages of the catalogue's restart-storm script this run acts on, by name. */
  get stages(): Record<string, () => Promise<void>> {
    return { 'downstream-down': () => this.downstreamDown(), restart: () => this.restart() };
  }

  private async downstreamDown(): Promise<void> {
    const { first, options } = this;
    await setFaults(first.url, { downstreamDown: true });
    this.downAt = performance.now();
    options.log?.(`downstream down; building a backlog of ${options.backlog} at ${first.url}`);
    const stop = new AbortController();
    const done = enqueueMessages(first.url, {
      count: options.backlog,
      concurrency: options.concurrency ?? 32,
      signal: stop.signal,
    });
    this.posting = { stop, done };
    // The scenario's traffic and the driver's posts fill the queue together: stop posting once it holds enough.
    void (async () => {
      while (!stop.signal.aborted) {
        this.lastSeen = await getQueue(first.url).catch(() => this.lastSeen);
        if (this.queued() >= options.backlog) stop.abort();
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
  }

  private async restart(): Promise<void> {
    const { first, options } = this;
    this.posting?.stop.abort();
    await this.topUp(options.backlog - this.queued());
    this.deliveredAtKill = this.lastSeen.delivered;
    this.fillSeconds = this.downAt === undefined ? 0 : (performance.now() - this.downAt) / 1000;
    this.peakRssBeforeKill = first.memory()?.peakRssBytes;
    const killedAt = performance.now();
    await first.kill9();
    options.log?.(`killed ${first.pid} with SIGKILL after ${this.fillSeconds.toFixed(1)} s of downstream down`);
    const second = await startLife(options, this.dataDir, first.port);
    const restartedAt = performance.now();
    this.restartSeconds = (restartedAt - killedAt) / 1000;
    const atRestart = await getQueue(second.url);
    // Faults live in memory and are gone after the restart; say so explicitly all the same.
    await setFaults(second.url, {});
    options.log?.(`restarted as ${second.pid} in ${this.restartSeconds.toFixed(1)} s with ${atRestart.backlog} queued`);
    const drained = waitForDrain(second.url, atRestart.accepted, restartedAt, options.drainTimeoutMs ?? 10 * 60_000);
    // Awaited after the run; keep an early failure from being reported as unhandled meanwhile.
    drained.catch(() => {});
    // Each pipeline stage in the first seconds of the drain: the one that does not move is named.
    const stages = stageDrain(second.url, STAGE_WINDOW_MS).catch(() => []);
    this.restarted = { platform: second, atRestart, drained, stages };
    // The driver's posts end with the kill (in-flight ones fail); count what was acknowledged.
    this.sources.posted += (await this.posting?.done)?.acknowledged ?? 0;
  }

  /** When the scenario's traffic has not built the backlog by the restart, the driver completes it. */
  private async topUp(missing: number): Promise<void> {
    if (missing <= 0) return;
    if (this.options.topUp === 'post') {
      this.sources.posted += (await enqueueMessages(this.first.url, { count: missing, concurrency: 64 })).acknowledged;
      this.lastSeen = await getQueue(this.first.url);
    } else {
      this.lastSeen = await bulkFill(this.first.url, missing);
      this.sources.bulk = missing;
    }
  }

  private queued(): number {
    return this.lastSeen.backlog - this.base.backlog;
  }

  /** Stops what is still running; the restarted service too unless the caller keeps it. */
  async close(keepRunning: boolean): Promise<void> {
    this.posting?.stop.abort();
    await this.first.kill9();
    if (!keepRunning) await this.restarted?.platform.stop();
  }
}

function startLife(options: RestartStormOptions, dataDir: string, port: number): Promise<RunningReferencePlatform> {
  return startReferencePlatform({ dataDir, port, workers: options.workers, deliveryMs: options.deliveryMs });
}
