import type { Flow } from '../flows/Flow.js';
import type { Profile, Scale } from '../scale.js';
import type { Phase } from '../shapes/phases.js';
import type { Stage } from '../shapes/restartStorm.js';
import type { Shape } from '../shapes/Shape.js';
import type { OperationThresholds } from '../thresholds/Thresholds.js';

export type ScenarioId = 'morning-login-spike' | 'restart-storm' | 'restart-storm-jittered' | 'steady-day';

/** A scale with the time scale settled (the scenario's default when the environment gave none). */
export type ResolvedScale = Required<Scale>;

/** One entry of the catalogue: what happens, to whom, and what must hold. */
export interface Scenario {
  id: ScenarioId;
  title: string;
  description: string;
  /** The clock time the run starts at, for curves of the day ("05:30"). */
  startsAt?: string;
  /** Seconds of scenario time per second of run, per profile, unless HARTSLAG_TIME_SCALE says otherwise. */
  timeScale: Readonly<Record<Profile, number>>;
  flows(scale: ResolvedScale): Flow[];
  /** The arrivals, and for scenarios the driver acts on (faults, restarts), the stages. */
  arrivals(scale: ResolvedScale): { shape: Shape; stages?: Stage[] };
  /**
   * Whether the SLO thresholds decide the run. The restart storm breaks the platform on purpose:
   * its verdict is the driver's (accepted == delivered, no duplicates), not latency.
   */
  enforceThresholds: boolean;
}

/** A scenario at one scale: everything a generator writes. */
export interface ScenarioPlan {
  scenario: Scenario;
  scale: ResolvedScale;
  flows: Flow[];
  phases: Phase[];
  stages?: Stage[];
  /** Run length, seconds (the phases' durations add up to it). */
  duration: number;
  /** New sessions over the run. */
  sessions: number;
  thresholds: OperationThresholds[];
}
