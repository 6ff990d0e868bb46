/** Where the scripted incident stands. */
export type IncidentPhase = 'idle' | 'scheduled' | 'active';

/** What the scheduler tells its owner, to print. */
export type IncidentEvent =
  | { type: 'started'; at: number; endsAt: number; onDemand: boolean }
  | { type: 'recovered'; at: number; onDemand: boolean }
  | { type: 'failed'; action: 'start' | 'recover'; error: unknown };

export interface IncidentActions {
  /** Makes the platform stall. */
  begin(): Promise<void>;
  /** Clears the faults. */
  end(): Promise<void>;
}

export interface IncidentSchedulerOptions {
  /** ms after `arm()` at which the incident starts by itself; undefined schedules none. */
  afterMs: number | undefined;
  durationMs: number;
  actions: IncidentActions;
  onEvent(event: IncidentEvent): void;
  now?: () => number;
}

/**
 * The scripted incident: starts `afterMs` after arming, ends `durationMs` later. On demand,
 * `trigger()` starts one now (replacing the scheduled one) and `recover()` ends it early. One
 * incident at a time; the platform is asked through `actions`, one request after the other.
 */
export class IncidentScheduler {
  private phase: IncidentPhase = 'idle';
  private timer: NodeJS.Timeout | undefined;
  private endsAt = 0;
  private startsAt: number | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: IncidentSchedulerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): { phase: IncidentPhase; startsAt?: number; endsAt?: number } {
    if (this.phase === 'scheduled') return { phase: this.phase, startsAt: this.startsAt! };
    if (this.phase === 'active') return { phase: this.phase, endsAt: this.endsAt };
    return { phase: this.phase };
  }

  /** Schedules the incident, if any is to be scheduled. */
  arm(): void {
    if (this.options.afterMs === undefined || this.phase !== 'idle') return;
    this.phase = 'scheduled';
    this.startsAt = this.now() + this.options.afterMs;
    this.timer = setTimeout(() => this.begin(false), this.options.afterMs);
  }

  /** Starts an incident now. False when one is already on. */
  trigger(): boolean {
    if (this.phase === 'active') return false;
    clearTimeout(this.timer);
    this.begin(true);
    return true;
  }

  /** Ends the incident now. False when none is on. */
  recover(): boolean {
    if (this.phase !== 'active') return false;
    this.finish(true);
    return true;
  }

  /** Cancels what is scheduled; the faults go with the platform. Waits for requests under way. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.phase = 'idle';
    await this.queue;
  }

  private begin(onDemand: boolean): void {
    const at = this.now();
    this.phase = 'active';
    this.startsAt = undefined;
    this.endsAt = at + this.options.durationMs;
    this.timer = setTimeout(() => this.finish(false), this.options.durationMs);
    this.enqueue('start', () => this.options.actions.begin(), {
      type: 'started',
      at,
      endsAt: this.endsAt,
      onDemand,
    });
  }

  private finish(onDemand: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.phase = 'idle';
    this.enqueue('recover', () => this.options.actions.end(), { type: 'recovered', at: this.now(), onDemand });
  }

  /** Runs platform requests in order: a recovery never overtakes the start it ends. */
  private enqueue(action: 'start' | 'recover', run: () => Promise<void>, event: IncidentEvent): void {
    this.queue = this.queue.then(async () => {
      try {
        await run();
        this.options.onEvent(event);
      } catch (error) {
        this.options.onEvent({ type: 'failed', action, error });
      }
    });
  }
}
