/**
 * Plays an alert timeline from promtool into a real Alertmanager the way Prometheus sends alerts
 * (`POST /api/v2/alerts`: every firing alert with its labels and annotations, a resolved one once
 * with `endsAt` now), fast: each 30-second evaluation takes `stepMs`, and a stretch in which no
 * alert changes is cut to at most `maxStretch` evaluations. Nothing changes inside such a
 * stretch, so Alertmanager sees the same alerts in the same order; only its own timers (group
 * wait, group interval) need scaling alike, which `realSeconds` gives.
 */
import type { RunningAlertmanager } from '@hartslag/testkit';
import { type FiredAlert, fingerprint, type Timeline } from './timeline.js';

export interface Change {
  /** Scenario seconds. */
  time: number;
  firing: FiredAlert[];
  resolved: FiredAlert[];
}

/** The evaluations at which the set of firing alerts changes (with what fires from then on). */
export function changes(timeline: Timeline, times: readonly number[], keep: (a: FiredAlert) => boolean): Change[] {
  const out: Change[] = [];
  let before = new Map<string, FiredAlert>();
  for (const time of times) {
    const now = new Map((timeline.get(time) ?? []).filter(keep).map((a) => [fingerprint(a), a] as const));
    const resolved = [...before].filter(([k]) => !now.has(k)).map(([, a]) => a);
    const started = [...now.keys()].some((k) => !before.has(k));
    if (started || resolved.length > 0) out.push({ time, firing: [...now.values()], resolved });
    before = now;
  }
  return out;
}

/** Alertmanager's view of one alert: active, or suppressed (inhibited or silenced). */
export interface AlertState {
  fingerprint: string;
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[] };
}

export interface Observation {
  /** Scenario seconds of the change the stretch began with; the states hold until the next change. */
  time: number;
  states: AlertState[];
}

export class Replay {
  /** Real milliseconds from the first change to each change. */
  private readonly offsets: number[];

  constructor(
    readonly changes: readonly Change[],
    readonly step: number,
    readonly stepMs: number,
    readonly maxStretch: number,
  ) {
    this.offsets = [];
    let offset = 0;
    changes.forEach((c, i) => {
      if (i > 0) offset += this.stretchMs(c.time - changes[i - 1]!.time);
      this.offsets.push(offset);
    });
  }

  private stretchMs(seconds: number): number {
    return Math.min(seconds / this.step, this.maxStretch) * this.stepMs;
  }

  /** Real ms from the first change to scenario time `time`, with the same cuts as the replay. */
  realMs(time: number): number {
    const i = this.changes.findLastIndex((c) => c.time <= time);
    if (i < 0) return 0;
    return this.offsets[i]! + this.stretchMs(time - this.changes[i]!.time);
  }

  /** An Alertmanager duration (seconds) that is `seconds` of scenario time at `from`, in replay time. */
  realSeconds(from: number, seconds: number): number {
    return (this.realMs(from + seconds) - this.realMs(from)) / 1000;
  }

  /**
   * Posts each change at its replay time; `onChange` learns the scenario time as it is posted.
   * Just before each next change (and `tailMs` after the last) it reads Alertmanager's state of
   * every alert: by then the inhibitor has seen every posted alert.
   */
  async play(am: RunningAlertmanager, onChange: (time: number) => void, tailMs: number): Promise<Observation[]> {
    const started = Date.now();
    const startsAt = new Map<string, string>();
    const observations: Observation[] = [];
    for (const [i, c] of this.changes.entries()) {
      await sleepUntil(started + this.offsets[i]!);
      if (i > 0) observations.push({ time: this.changes[i - 1]!.time, states: await states(am) });
      const now = new Date().toISOString();
      const far = new Date(Date.now() + 3_600_000).toISOString();
      onChange(c.time);
      await am.postAlerts([
        ...c.firing.map((a) => {
          const key = fingerprint(a);
          if (!startsAt.has(key)) startsAt.set(key, now);
          return { ...a, startsAt: startsAt.get(key), endsAt: far };
        }),
        ...c.resolved.map((a) => {
          const key = fingerprint(a);
          const from = startsAt.get(key);
          startsAt.delete(key);
          return { ...a, startsAt: from, endsAt: now };
        }),
      ]);
    }
    await sleepUntil(Date.now() + tailMs);
    const last = this.changes.at(-1);
    if (last) observations.push({ time: last.time, states: await states(am) });
    return observations;
  }
}

async function states(am: RunningAlertmanager): Promise<AlertState[]> {
  const res = await fetch(`${am.url}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true`);
  if (!res.ok) throw new Error(`GET /api/v2/alerts: ${res.status}`);
  return (await res.json()) as AlertState[];
}

function sleepUntil(when: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, when - Date.now())));
}
