import type { ScheduledPhase } from '../runScenario.js';

/**
 * Acts at each named stage's start on the run's own clock, counted from the first phase the load
 * generator announces: actions run one after another, and the first failure is kept for the end.
 */
export class StageClock {
  private readonly timers: NodeJS.Timeout[] = [];
  private actions: Promise<void> = Promise.resolve();
  private error: unknown;

  constructor(
    private readonly phases: readonly ScheduledPhase[],
    private readonly stages: Record<string, () => Promise<void>>,
  ) {}

  /** Call when the first phase starts. Phase names are a stage's name, numbered when it has several phases. */
  start(): void {
    for (const phase of this.phases) {
      const action = this.stages[phase.name.replace(/ \d+$/, '')];
      if (action === undefined) continue;
      this.timers.push(
        setTimeout(() => {
          this.actions = this.actions.then(action).catch((err: unknown) => {
            this.error ??= err;
          });
        }, phase.start * 1000),
      );
    }
  }

  /** Waits for the actions started so far; throws the first that failed. */
  async finished(): Promise<void> {
    await this.actions;
    if (this.error !== undefined) throw this.error;
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
  }
}
