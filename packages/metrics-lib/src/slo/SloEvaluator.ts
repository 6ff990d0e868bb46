import { NOW_INTERVAL, NOW_WINDOW } from '../contract/alerting.js';
import { ConfigError, HartslagError, HistoryStoreError } from '../errors.js';
import type { CareMetrics } from '../record/CareMetrics.js';
import { GroupedSloState } from './GroupedSloState.js';
import { registerSloGauges } from './gauges.js';
import type { SloHistoryEntry, SloHistoryStore } from './history/SloHistoryStore.js';
import type { SloEvaluatorOptions } from './options.js';
import type { SloObjective } from './SloObjective.js';
import { SloState } from './SloState.js';
import type { SloAlert, SloStatus } from './SloStatus.js';
import { totalsSampler } from './totalsSampler.js';
import { validateSloConfig } from './validate.js';

/**
 * Evaluates SLOs in process, for services without Prometheus: the same error ratios, burn-rate,
 * coffee-break and silence alerts the rules from @hartslag/slo compute, from the counters of
 * `metrics`, sampled every `interval` seconds into bounded per-SLO history.
 */
export class SloEvaluator {
  readonly objectives: readonly SloObjective[];
  readonly interval: number;
  private readonly states: (SloState | GroupedSloState)[];
  private readonly clock: () => number;
  /** Per objective: its status, or a grouped SLO's status per group. */
  private latest: SloStatus[][];
  private lastTick: number | undefined = undefined;
  private timer: ReturnType<typeof setInterval> | undefined = undefined;
  private readonly unregister: (() => void) | undefined;
  private readonly history: SloHistoryStore | undefined;

  constructor(
    private readonly metrics: CareMetrics,
    objectives: readonly SloObjective[],
    options: SloEvaluatorOptions = {},
  ) {
    if (typeof metrics !== 'object' || metrics === null || typeof metrics.aggregate?.family !== 'function') {
      throw new ConfigError([{ field: 'metrics', message: 'must be the CareMetrics from createCareMetrics()' }]);
    }
    validateSloConfig(objectives, options);
    this.objectives = Object.freeze(objectives.map((o) => structuredClone(o)));
    this.interval = options.interval ?? NOW_INTERVAL;
    this.clock = options.now ?? Date.now;
    this.states = this.objectives.map((o) =>
      o.groupBy === undefined ? new SloState(o, metrics.service) : new GroupedSloState(o, metrics.service),
    );
    this.history = options.history;
    if (this.history !== undefined) this.lastTick = restore(this.states, this.history);
    this.latest = this.states.map((s) => (s instanceof SloState ? [s.blank()] : []));
    this.unregister =
      metrics.registry === undefined
        ? undefined
        : registerSloGauges(metrics, metrics.registry, () => this.latest.flat());
    if (options.autoStart ?? true) this.start();
  }

  /**
   * Samples the counters, adds the calls since the previous tick to each SLO's history and
   * evaluates every rule. The first tick only takes the counters as its base. Never throws:
   * failures are counted as instrumentation errors.
   */
  tick(nowMs?: number): void {
    let now: number;
    try {
      now = nowMs ?? this.clock();
      if (typeof now !== 'number' || !Number.isFinite(now)) {
        throw new Error(`the clock gave ${now}, not ms since the epoch`);
      }
    } catch (err) {
      this.fail(err);
      return;
    }
    const prev = this.lastTick;
    // A clock set back is held at the latest tick: history only moves forward.
    if (prev !== undefined && now < prev) now = prev;
    this.lastTick = now;
    const missed = prev !== undefined && now - prev > (NOW_WINDOW + this.interval / 2) * 1000;
    const totals = totalsSampler(this.metrics.aggregate);
    const next = this.latest.slice();
    const saved: SloHistoryEntry[] = [];
    this.states.forEach((state, i) => {
      try {
        if (state instanceof GroupedSloState) {
          const grouped = state.tick(now, this.metrics.aggregate, missed ? prev : undefined, this.interval);
          next[i] = grouped.statuses;
          if (this.history !== undefined) saved.push(...grouped.saved);
          return;
        }
        const calls = totals(state.objective);
        const added = state.observe(now, calls.total, calls.bad);
        if (missed) state.missedTicks(prev, now, this.interval);
        next[i] = [state.evaluate(now)];
        if (this.history !== undefined) {
          saved.push({ key: state.key, ...state.history.slots(now / 1000), ...added, state: state.saved(now) });
        }
      } catch (err) {
        this.fail(err);
      }
    });
    this.latest = next;
    if (this.history !== undefined && saved.length > 0) {
      try {
        this.history.save(saved);
      } catch (err) {
        // A full disk must not stop the evaluation: the history misses this tick, as after a crash.
        this.fail(err);
      }
    }
  }

  /** Ticks now and then every `interval` seconds, on a timer that does not keep the process alive. */
  start(): void {
    if (this.timer !== undefined) return;
    this.tick();
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch {
        // Only strict mode rethrows from tick(); a timer has no caller to hand the error to.
      }
    }, this.interval * 1000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Stops ticking and removes the gauges from the registry, so another evaluator can take their names. */
  close(): void {
    this.stop();
    this.unregister?.();
  }

  /** Each SLO as of the latest tick: a copy, safe to serialise or change. */
  status(): SloStatus[] {
    return structuredClone(this.latest.flat());
  }

  /** The alerts firing as of the latest tick, over all SLOs. */
  firingAlerts(): SloAlert[] {
    return this.status().flatMap((s) => s.alerts.filter((a) => a.state === 'firing'));
  }

  private fail(err: unknown): void {
    const error =
      err instanceof HartslagError
        ? err
        : new HartslagError('HARTSLAG_ERR_RECORD_INVALID', `SLO evaluation failed: ${(err as Error)?.message ?? err}`, {
            cause: err,
          });
    this.metrics.instrumentationError(error);
  }
}

/** Continues each SLO from the store; the latest tick any of them saved (ms), undefined if none. */
function restore(states: readonly (SloState | GroupedSloState)[], store: SloHistoryStore): number | undefined {
  let last: number | undefined;
  for (const state of states) {
    let at: number | undefined;
    try {
      at = state.restore(store);
    } catch (err) {
      throw new HistoryStoreError(
        `cannot read the SLO history of "${state.objective.name}": ${(err as Error)?.message ?? err}. ` +
          'Check that the history file or database is readable, or move it aside to start an empty history.',
        { cause: err },
      );
    }
    if (at !== undefined && (last === undefined || at > last)) last = at;
  }
  return last;
}

/**
 * Evaluates `objectives` against the counters of `metrics`; throws HARTSLAG_ERR_CONFIG_INVALID
 * naming each bad field (`objectives[0].objective`). Starts ticking unless `autoStart: false`.
 */
export function createSloEvaluator(
  metrics: CareMetrics,
  objectives: readonly SloObjective[],
  options?: SloEvaluatorOptions,
): SloEvaluator {
  return new SloEvaluator(metrics, objectives, options);
}
