import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOADTEST_SERIES } from '@hartslag/metrics/contract';
import type { ArtilleryResult } from './ArtilleryResult.js';
import { bulkFill, getQueue, type QueueState, setFaults } from './admin.js';
import { type EnqueueResult, enqueueMessages } from './enqueueMessages.js';
import { LoadtestDriverError } from './errors.js';
import { pushSummary } from './pushSummary.js';
import { type PhaseStart, type Profile, runScenario, scriptPhases } from './runScenario.js';
import { type RunningReferencePlatform, startReferencePlatform } from './startReferencePlatform.js';

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
  url: string;
  /** Only with `keepRunning`. */
  platform?: RunningReferencePlatform;
}

/**
 * The restart storm, driven by the catalogue's stages on the run's clock: at
 * `downstream-down` the downstream goes down and the backlog builds from the scenario's traffic
 * (the driver posts next to it); at `restart` the service is killed with SIGKILL mid-traffic and
 * started again on the same data directory and port; at `reconnect` every client logs in again;
 * the backlog drains meanwhile. The result says whether any acknowledged message was lost or
 * delivered twice, and how fast the backlog drained.
 */
export async function restartStorm(options: RestartStormOptions): Promise<RestartStormResult> {
  const log = options.log ?? (() => {});
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hartslag-restart-storm-'));
  const start = (port: number) =>
    startReferencePlatform({ dataDir, port, workers: options.workers, deliveryMs: options.deliveryMs });
  const first = await start(options.port ?? 0);
  const base = await getQueue(first.url);
  const sources: BacklogSources = { traffic: 0, posted: 0, bulk: 0 };
  let second: RunningReferencePlatform | undefined;
  let posting: { stop: AbortController; done: Promise<EnqueueResult> } | undefined;
  let downAt: number | undefined;
  let fillSeconds = 0;
  let restartSeconds = 0;
  let atRestart: QueueState | undefined;
  let restartedAt = 0;
  let drained: Promise<number> | undefined;
  let beforeKill: number | undefined;
  // The downstream is down from the top-up to the kill: nothing is delivered in between.
  let deliveredAtKill = 0;

  // The queue as last seen while the downstream is down, polled in the background: at the restart
  // stage the service is saturated, and the kill must not wait for a slow admin request.
  let lastSeen = base;

  const stages: Record<string, () => Promise<void>> = {
    'downstream-down': async () => {
      await setFaults(first.url, { downstreamDown: true });
      downAt = performance.now();
      log(`downstream down; building a backlog of ${options.backlog} at ${first.url}`);
      const stop = new AbortController();
      const done = enqueueMessages(first.url, {
        count: options.backlog,
        concurrency: options.concurrency ?? 32,
        signal: stop.signal,
      });
      posting = { stop, done };
      // The scenario's traffic and the driver's posts fill the queue together: stop posting once it holds enough.
      void (async () => {
        while (!stop.signal.aborted) {
          lastSeen = await getQueue(first.url).catch(() => lastSeen);
          if (lastSeen.backlog - base.backlog >= options.backlog) stop.abort();
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
    },
    restart: async () => {
      posting?.stop.abort();
      const missing = options.backlog - (lastSeen.backlog - base.backlog);
      if (missing > 0 && options.topUp === 'post') {
        sources.posted += (await enqueueMessages(first.url, { count: missing, concurrency: 64 })).acknowledged;
        lastSeen = await getQueue(first.url);
      } else if (missing > 0) {
        lastSeen = await bulkFill(first.url, missing);
        sources.bulk = missing;
      }
      // Nothing is delivered while the downstream is down: the delivered count last seen is the one at the kill.
      deliveredAtKill = lastSeen.delivered;
      fillSeconds = downAt === undefined ? 0 : (performance.now() - downAt) / 1000;
      beforeKill = first.memory()?.peakRssBytes;
      const killedAt = performance.now();
      await first.kill9();
      log(`killed ${first.pid} with SIGKILL after ${fillSeconds.toFixed(1)} s of downstream down`);
      second = await start(first.port);
      restartedAt = performance.now();
      restartSeconds = (restartedAt - killedAt) / 1000;
      atRestart = await getQueue(second.url);
      // Faults live in memory and are gone after the restart; say so explicitly all the same.
      await setFaults(second.url, {});
      log(`restarted as ${second.pid} in ${restartSeconds.toFixed(1)} s with ${atRestart.backlog} queued`);
      drained = waitForDrain(second.url, atRestart.accepted, restartedAt, options.drainTimeoutMs ?? 10 * 60_000);
      // Awaited after the run; keep an early failure from being reported as unhandled meanwhile.
      drained.catch(() => {});
      // The driver's posts end with the kill (in-flight ones fail); count what was acknowledged.
      sources.posted += (await posting?.done)?.acknowledged ?? 0;
    },
  };

  const script = options.variant === 'jittered' ? 'restart-storm-jittered' : 'restart-storm';
  // Act at each stage's start on the run's own clock, from the first phase Artillery announces.
  const timers: NodeJS.Timeout[] = [];
  let actions: Promise<void> = Promise.resolve();
  let actionError: unknown;
  const schedule = () => {
    for (const phase of scriptPhases(script, options.profile ?? 'smoke')) {
      const action = stages[phase.name.replace(/ \d+$/, '')];
      if (action === undefined) continue;
      timers.push(
        setTimeout(() => {
          actions = actions.then(action).catch((err: unknown) => {
            actionError ??= err;
          });
        }, phase.start * 1000),
      );
    }
  };

  try {
    const storm = await runScenario({
      scenario: script,
      profile: options.profile ?? 'smoke',
      target: first.url,
      env: options.env,
      outputDir: options.outputDir,
      onPhase: (phase: PhaseStart) => {
        if (phase.index === 0) schedule();
      },
    });
    await actions;
    if (actionError !== undefined) throw actionError;
    if (second === undefined || atRestart === undefined || drained === undefined) {
      throw new LoadtestDriverError(
        'HARTSLAG_ERR_LOADTEST_STAGE_MISSING',
        `The Artillery run ${storm.reportPath} never announced the downstream-down and restart phases. ` +
          `Regenerate loadtests/artillery/${script}.yml (\`pnpm --filter @hartslag/loadtests generate\`).`,
      );
    }
    const drainSeconds = await drained;
    const running = second as RunningReferencePlatform;
    // The storm's own messages are delivered too before the books are closed.
    const final = await settle(running.url, options.drainTimeoutMs ?? 10 * 60_000);
    const afterDrain = running.memory()?.peakRssBytes;
    const backlogAtKill = atRestart.accepted - deliveredAtKill;
    const trafficAcks = storm.operations['send-message']?.codes['202'] ?? 0;
    sources.traffic = Math.max(0, backlogAtKill - sources.posted - sources.bulk);
    const acknowledged = trafficAcks + sources.posted + sources.bulk;
    const lost = Math.max(0, base.accepted + acknowledged - final.accepted);
    const drainRate = drainSeconds > 0 ? backlogAtKill / drainSeconds : Number.POSITIVE_INFINITY;
    log(`drained ${backlogAtKill} messages in ${drainSeconds.toFixed(1)} s (${drainRate.toFixed(0)}/s)`);
    if (options.pushgateway !== undefined) {
      await pushSummary({ url: options.pushgateway, phase: 'storm' }, storm, {
        [LOADTEST_SERIES.backlogMessages]: backlogAtKill,
        [LOADTEST_SERIES.drainSeconds]: drainSeconds,
        [LOADTEST_SERIES.drainRate]: drainRate,
        [LOADTEST_SERIES.lostMessages]: lost,
        [LOADTEST_SERIES.duplicateMessages]: final.duplicates,
      });
    }
    return {
      acknowledged,
      lost,
      backlogAtKill,
      backlogSources: sources,
      ...final,
      fillSeconds,
      drainSeconds,
      drainRate,
      restartSeconds,
      storm,
      peakRssBytes: { beforeKill, afterDrain },
      url: running.url,
      ...(options.keepRunning ? { platform: running } : {}),
    };
  } catch (err) {
    await second?.stop();
    throw err;
  } finally {
    for (const t of timers) clearTimeout(t);
    posting?.stop.abort();
    await first.kill9();
    if (!options.keepRunning) await second?.stop();
  }
}

/**
 * Resolves with the seconds until every message queued before the kill is delivered: the
 * delivered count reaches what was accepted before the restart, or the backlog is empty.
 */
async function waitForDrain(url: string, accepted: number, since: number, timeoutMs: number): Promise<number> {
  for (;;) {
    const q = await getQueue(url);
    if (q.backlog === 0 || q.delivered >= accepted) return (performance.now() - since) / 1000;
    if (performance.now() - since > timeoutMs) throw drainTimeout(url, q, timeoutMs);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function settle(url: string, timeoutMs: number): Promise<QueueState> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const q = await getQueue(url);
    if (q.backlog === 0 && q.delivered >= q.accepted) return q;
    if (performance.now() > until) throw drainTimeout(url, q, timeoutMs);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function drainTimeout(url: string, q: QueueState, timeoutMs: number) {
  return new LoadtestDriverError(
    'HARTSLAG_ERR_LOADTEST_DRAIN_TIMEOUT',
    `The backlog at ${url} did not drain within ${timeoutMs} ms (accepted ${q.accepted}, delivered ${q.delivered}, ` +
      `backlog ${q.backlog}). Check that the downstream is up (GET /admin/faults) and that workers run; ` +
      'for a large backlog raise drainTimeoutMs or --workers.',
  );
}
