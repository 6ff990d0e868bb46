import type { ArtilleryResult } from '../ArtilleryResult.js';
import type { Profile } from '../runScenario.js';
import type { RunningReferencePlatform } from '../startReferencePlatform.js';
import type { StageDrain } from './stageDrain.js';

export interface RestartStormOptions {
  /** Messages queued (downstream down) before the kill, e.g. 20,000 in CI, 200,000 at full scale. */
  backlog: number;
  /** Directory for Artillery's report; the SQLite queue goes to `dataDir` (default: a fresh temp dir). */
  outputDir: string;
  dataDir?: string;
  /** Keep the service on one port across the restart (Artillery's clients and Prometheus come back to it). */
  port?: number;
  workers?: number;
  deliveryMs?: number;
  /** Profile of the Artillery restart-storm script (default `smoke`). */
  profile?: Profile;
  /**
   * `herd` (default): every client logs in again at once; `jittered`: clients back off with
   * jitter before reconnecting (the catalogue's restart-storm-jittered script).
   */
  variant?: 'herd' | 'jittered';
  env?: Record<string, string>;
  /**
   * How the driver completes the backlog when the scenario's traffic has not built it by the
   * restart stage: `bulk` (default) queues the rest in one transaction (POST /admin/queue/fill),
   * `post` keeps posting messages one by one, and the restart waits for them.
   */
  topUp?: 'bulk' | 'post';
  /** Pushgateway to push the storm's summary and the drain numbers to (job `artillery`, phase `storm`). */
  pushgateway?: string;
  /** Give up waiting for the drain after this long (default 10 minutes). */
  drainTimeoutMs?: number;
  /** Messages the driver posts at once next to the scenario's traffic (default 32). */
  concurrency?: number;
  /** Leave the restarted service running and return it (the caller stops it). */
  keepRunning?: boolean;
  /** Progress lines for a human watching a long run. */
  log?: (line: string) => void;
}

/** Where the backlog came from: the scenario's virtual users, the driver's posts, the bulk top-up. */
export interface BacklogSources {
  traffic: number;
  posted: number;
  bulk: number;
}

export interface RestartStormResult {
  /** Every 202 any client got (scenario traffic before and after the restart, and the driver's posts). */
  acknowledged: number;
  /** Acknowledged messages the service no longer knows after the restart (must be 0). */
  lost: number;
  /** Messages queued when the service was killed with SIGKILL, as the restarted service found them on disk. */
  backlogAtKill: number;
  backlogSources: BacklogSources;
  /** Final queue counters: accepted == delivered, duplicates == 0, backlog 0 when nothing was lost or doubled. */
  accepted: number;
  delivered: number;
  duplicates: number;
  backlog: number;
  /** Seconds the downstream was down before the kill (the backlog built meanwhile). */
  fillSeconds: number;
  /** Seconds from the restarted service listening to the pre-kill backlog delivered. */
  drainSeconds: number;
  /** Pre-kill messages delivered per second during the drain. */
  drainRate: number;
  /** Seconds from the kill to the restarted service listening. */
  restartSeconds: number;
  /** The Artillery restart-storm run: traffic, downstream down, restart, every client logging in again, drain. */
  storm: ArtilleryResult;
  /** Peak resident memory of the service before the kill and after the drain, in bytes (Linux). */
  peakRssBytes: { beforeKill?: number; afterDrain?: number };
  /** Each pipeline stage in the first seconds after the restart: how fast it drained, what waited, stalled or not. */
  stages: StageDrain[];
  url: string;
  /** Only with `keepRunning`. */
  platform?: RunningReferencePlatform;
}
