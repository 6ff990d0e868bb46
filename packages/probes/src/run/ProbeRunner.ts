import type { CallRecord } from '@hartslag/metrics';
import { probeOperation } from '@hartslag/metrics/contract';
import type { CheckResult } from '../check/CheckResult.js';
import { runCheck } from '../check/runCheck.js';
import type { ProbeSpec } from '../config/ProbeSpec.js';
import { ProbeOptionsError } from '../errors.js';
import { FixedRate, phaseOf } from '../schedule/FixedRate.js';
import { SYSTEM_TIMERS, type Timers } from '../schedule/Timers.js';
import { emptyStats, type ProbeStats } from './ProbeStats.js';

/** Where results go: a CareMetrics, or anything with its recordCall. */
export interface CallSink {
  recordCall(call: CallRecord): void;
}

export interface ProbeRunnerOptions {
  /** The recording path every service uses: each run becomes a call `probe:<name>`. */
  metrics: CallSink;
  /** Each finished run, with how late it started (ms after its due time). */
  onResult?: (probe: ProbeSpec, result: CheckResult, lateMs: number) => void;
  /** Default: the system clock and unref'd timers. */
  timers?: Timers;
  /** Runs a check; default the real HTTP, TCP and gRPC checks (the bench and tests may wrap it). */
  check?: (probe: ProbeSpec) => Promise<CheckResult>;
}

interface Slot {
  spec: ProbeSpec;
  schedule: FixedRate | undefined;
  timer: unknown;
  inFlight: Promise<void> | undefined;
  stats: ProbeStats;
}

/**
 * Runs probes on fixed-rate schedules (spread over each interval by name, no drift, no catch-up)
 * and records each run as a call through the metrics' recordCall. Results never throw: a refused,
 * unreachable, hanging or TLS-broken target is a failed call with its code.
 */
export class ProbeRunner {
  private readonly slots = new Map<string, Slot>();
  private readonly metrics: CallSink;
  private readonly timers: Timers;
  private readonly check: (probe: ProbeSpec) => Promise<CheckResult>;
  private readonly onResult: ProbeRunnerOptions['onResult'];
  private running = false;

  constructor(probes: readonly ProbeSpec[], options: ProbeRunnerOptions) {
    if (!Array.isArray(probes))
      throw new ProbeOptionsError('probes must be a list of probes (readProbeConfig(…).probes)');
    if (typeof options?.metrics?.recordCall !== 'function') {
      throw new ProbeOptionsError('options.metrics must have recordCall (a CareMetrics from createCareMetrics)');
    }
    this.metrics = options.metrics;
    this.timers = options.timers ?? SYSTEM_TIMERS;
    this.check = options.check ?? runCheck;
    this.onResult = options.onResult;
    for (const spec of probes) {
      if (this.slots.has(spec.name))
        throw new ProbeOptionsError(`two probes are named "${spec.name}"; names must be unique`);
      this.slots.set(spec.name, {
        spec,
        schedule: undefined,
        timer: undefined,
        inFlight: undefined,
        stats: emptyStats(),
      });
    }
  }

  /** Starts every schedule; each probe first runs at its next due time. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const now = this.timers.now();
    for (const slot of this.slots.values()) {
      slot.schedule = new FixedRate(slot.spec.intervalMs, phaseOf(slot.spec.name, slot.spec.intervalMs), now);
      this.arm(slot);
    }
  }

  /** Stops the schedules and waits for runs in flight (each ends by its timeout). */
  async stop(): Promise<void> {
    this.running = false;
    for (const slot of this.slots.values()) {
      if (slot.timer !== undefined) this.timers.clearTimeout(slot.timer);
      slot.timer = undefined;
    }
    await this.idle();
  }

  /** Resolves when no run is in flight. */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.slots.values()].flatMap((s) => (s.inFlight === undefined ? [] : [s.inFlight]));
      if (pending.length === 0) return;
      await Promise.all(pending);
    }
  }

  /** One probe's counts, or the sum of all. */
  stats(name?: string): ProbeStats {
    if (name !== undefined) {
      const slot = this.slots.get(name);
      if (slot === undefined)
        throw new ProbeOptionsError(`no probe is named "${name}" (known: ${[...this.slots.keys()].join(', ')})`);
      return structuredClone(slot.stats);
    }
    const sum = emptyStats();
    for (const { stats } of this.slots.values()) {
      sum.runs += stats.runs;
      sum.finished += stats.finished;
      sum.skipped += stats.skipped;
      for (const k of Object.keys(sum.outcomes) as (keyof ProbeStats['outcomes'])[])
        sum.outcomes[k] += stats.outcomes[k];
    }
    return sum;
  }

  private arm(slot: Slot): void {
    const schedule = slot.schedule!;
    const wait = Math.max(0, schedule.due - this.timers.now());
    slot.timer = this.timers.setTimeout(() => this.fire(slot), wait);
  }

  private fire(slot: Slot): void {
    slot.timer = undefined;
    if (!this.running) return;
    const schedule = slot.schedule!;
    const now = this.timers.now();
    // The wall clock may read a millisecond short of the monotonic timer: wait for the due time.
    if (now < schedule.due) {
      this.arm(slot);
      return;
    }
    const due = schedule.due;
    slot.stats.skipped += schedule.advance(now);
    if (slot.inFlight !== undefined) slot.stats.skipped++;
    else this.run(slot, now - due);
    this.arm(slot);
  }

  private run(slot: Slot, lateMs: number): void {
    slot.stats.runs++;
    const spec = slot.spec;
    slot.inFlight = this.check(spec)
      .catch(
        (err: unknown): CheckResult => ({
          outcome: 'server_error',
          code: 'error',
          seconds: 0,
          detail: `the check of ${spec.name} failed: ${err instanceof Error ? err.message : String(err)}`,
        }),
      )
      .then((result) => {
        slot.inFlight = undefined;
        slot.stats.finished++;
        slot.stats.outcomes[result.outcome]++;
        this.metrics.recordCall({
          operation: probeOperation(spec.name),
          outcome: result.outcome,
          seconds: result.seconds,
          ...(result.code === '' ? {} : { code: result.code }),
        });
        try {
          this.onResult?.(spec, result, lateMs);
        } catch {
          // A listener's bug must not stop the schedule.
        }
      });
  }
}
