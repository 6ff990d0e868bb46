import { PEAK_SECONDS } from '@hartslag/scenarios';
import type { Shape } from './Shape.js';

/** What the driver does to the platform when a stage begins (PUT /admin/faults, restart the process). */
export interface StageFaults {
  downstreamDown?: boolean;
}

/** One stage of the restart storm: constant arrivals, the faults that hold during it, and an action at its start. */
export interface Stage {
  name: 'warm' | 'downstream-down' | 'restart' | 'reconnect' | 'drain';
  description: string;
  /** Seconds after the start of the run. */
  start: number;
  duration: number;
  /** New sessions per second during the stage. */
  rate: number;
  faults: StageFaults;
  /** `restart`: stop the service (kill -9) at the stage's start and start it again. */
  action?: 'restart';
}

export interface RestartStormOptions {
  peakUsers: number;
  backlog: number;
  /** Messages each session sends: the backlog builds from backlog / messagesPerSession sessions. */
  messagesPerSession: number;
  timeScale: number;
  /** Clients reconnect with full-jitter exponential backoff instead of all at once. */
  jitter: boolean;
}

/** Real-time stage lengths, seconds; the time scale compresses them (never below a second). */
export const STORM_SECONDS = { warm: 30, down: 90, restart: 30, herd: 1, jitterWindow: 60, drain: 60 } as const;
/** Traffic around the storm: the daytime trickle of the morning curve (10% of the peak login rate). */
const DAYTIME_LEVEL = 0.1;

/**
 * The restart storm: traffic continues while the downstream is down (the queue builds the backlog),
 * the service restarts, every client logs in again — at once (the thundering herd) or spread by
 * full-jitter backoff (AWS: delay = random(0, cap), so first attempts are uniform over the cap) —
 * and the backlog drains while the daytime traffic goes on.
 */
export function restartStormStages(o: RestartStormOptions): Stage[] {
  const seconds = (real: number) => Math.max(1, Math.round(real / o.timeScale));
  const daytime = (o.peakUsers / PEAK_SECONDS) * DAYTIME_LEVEL * o.timeScale;
  const fillSessions = Math.ceil(o.backlog / o.messagesPerSession);
  const down = seconds(STORM_SECONDS.down);
  const reconnect = o.jitter ? seconds(STORM_SECONDS.jitterWindow) : seconds(STORM_SECONDS.herd);
  const stages: Omit<Stage, 'start'>[] = [
    {
      name: 'warm',
      description: 'daytime traffic, everything healthy',
      duration: seconds(STORM_SECONDS.warm),
      rate: daytime,
      faults: {},
    },
    {
      name: 'downstream-down',
      description: `the downstream is down: ${o.backlog} messages queue up, acknowledged but not delivered`,
      duration: down,
      rate: fillSessions / down,
      faults: { downstreamDown: true },
    },
    {
      name: 'restart',
      description: 'the service is killed and restarted; clients wait',
      duration: seconds(STORM_SECONDS.restart),
      rate: 0,
      faults: {},
      action: 'restart',
    },
    {
      name: 'reconnect',
      description: o.jitter
        ? `all ${o.peakUsers} clients log in again, spread by jittered backoff`
        : `all ${o.peakUsers} clients log in again at once (thundering herd)`,
      duration: reconnect,
      rate: o.peakUsers / reconnect,
      faults: {},
    },
    {
      name: 'drain',
      description: 'daytime traffic while the backlog drains; then accepted must equal delivered',
      duration: seconds(STORM_SECONDS.drain),
      rate: daytime,
      faults: {},
    },
  ];
  let start = 0;
  return stages.map((s) => {
    const stage = { ...s, start };
    start += s.duration;
    return stage;
  });
}

/** The stages as a shape: constant within a stage, jumping at each stage's start. */
export function stagesShape(stages: readonly Stage[]): Shape {
  const last = stages[stages.length - 1]!;
  return {
    duration: last.start + last.duration,
    rate: (t) => (stages.findLast((s) => s.start <= t) ?? stages[0]!).rate,
    breaks: stages.slice(1).map((s) => s.start),
  };
}
