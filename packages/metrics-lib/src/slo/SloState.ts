import {
  ALERT_WINDOWS,
  type AlertWindow,
  burnFactor,
  COVERAGE_STEP,
  CURRENT_BURN_WINDOW,
  JUDGE_WINDOWS,
  MIN_FAILED_CALLS,
  minDataSeconds,
  NOW_WINDOW,
  SLI_WINDOWS,
  TICKET_MIN_COVERAGE,
} from '../contract/alerting.js';
import { formatDuration } from '../contract/duration.js';
import { above, num, outageCap, type Rule, sloRules } from './alertRule.js';
import { buildStatus } from './buildStatus.js';
import { CallHistory } from './CallHistory.js';
import type { SloHistoryKey, SloHistoryStore, SloSavedState } from './history/SloHistoryStore.js';
import type { SloObjective } from './SloObjective.js';
import type { SloAlert, SloStatus } from './SloStatus.js';
import { baselineReach, weeklyBaseline } from './weeklyBaseline.js';

/** The longest window a verdict stretches over (rules/sli.ts `slo:judgeable`). */
const LONGEST_JUDGE = JUDGE_WINDOWS[JUDGE_WINDOWS.length - 1]!;

/** What one SLO has seen so far, and the state of its alerting rules. */
export class SloState {
  readonly history: CallHistory;
  /** The SLI windows and the SLO window, each with its label ('5m', '30d'). */
  private readonly windows: ReadonlyArray<readonly [number, string]>;
  /** The SLO's burn-rate tiers: its own, or ALERT_WINDOWS. */
  private readonly tiers: readonly AlertWindow[];
  /** Calls a window must hold before its alerts may fire (the SLO's minimum traffic, at least MIN_FAILED_CALLS). */
  private readonly minCalls: number;
  /** Per tier: the error ratio both its windows (and a page's last minute) must exceed. */
  private readonly thresholds: readonly number[];
  private readonly burn: readonly Rule[];
  private readonly outageRunning: Rule;
  private readonly outageBreached: Rule;
  private readonly silence: Rule;
  /** Error ratios of the evaluation under way, by window. */
  private readonly ratios = new Map<number, number | undefined>();
  /** The latest tick (ms) at which the latest calls did not fail (`slo:outage:failing` 0). */
  private lastInactive: number | undefined = undefined;
  /** Whether the previous evaluation found an outage (`slo:outage:active` read back by the rules). */
  private wasActive = false;
  private prevTotal: number | undefined = undefined;
  /** When the first counters were seen (ms): the history holds data from then on (coverage of the ticket windows). */
  private firstAt: number | undefined = undefined;
  private prevBad = 0;

  constructor(
    readonly objective: SloObjective,
    readonly service: string,
    /** The group of a grouped SLO this state judges ('' for an ungrouped SLO): its key in a history store. */
    readonly group = '',
  ) {
    const o = objective;
    const weeks = o.silence === undefined ? 0 : baselineReach(o.silence.baselineWeeks);
    this.tiers = o.alertWindows ?? ALERT_WINDOWS;
    this.minCalls = Math.max(MIN_FAILED_CALLS, o.minCalls ?? 0);
    this.history = new CallHistory(Math.max(o.window, weeks, ...SLI_WINDOWS, ...this.tiers.map((w) => w.long)));
    this.windows = [...SLI_WINDOWS, o.window].map((w) => [w, formatDuration(w)] as const);
    this.thresholds = this.tiers.map((w) => num(burnFactor(w, o.window) * (1 - o.objective)));

    const rules = sloRules(o, service, this.tiers);
    this.burn = rules.burn;
    this.outageRunning = rules.outageRunning;
    this.outageBreached = rules.outageBreached;
    this.silence = rules.silence;
  }

  /**
   * Adds the calls since the previous tick, from the cumulative counters; the first only sets the
   * base. Returns the calls it added.
   */
  observe(nowMs: number, total: number, bad: number): { total: number; bad: number } {
    let added = { total: 0, bad: 0 };
    if (this.prevTotal === undefined) {
      this.firstAt = nowMs;
      this.history.add(nowMs / 1000, 0, 0);
    } else {
      // A counter that went down was reset (registry.resetMetrics()); like rate(), count from zero.
      const dTotal = total >= this.prevTotal ? total - this.prevTotal : total;
      const dBad = bad >= this.prevBad ? bad - this.prevBad : bad;
      this.history.add(nowMs / 1000, dTotal, dBad);
      added = { total: dTotal, bad: dBad };
    }
    this.prevTotal = total;
    this.prevBad = bad;
    return added;
  }

  /** This SLO's series in a history store. */
  get key(): SloHistoryKey {
    return {
      service: this.service,
      slo: this.objective.name,
      operation: this.objective.operation ?? '',
      group: this.group,
    };
  }

  /** What a restart needs besides the calls: when counting began, the outage's start, the rule timers. */
  saved(lastTick: number): SloSavedState {
    return {
      firstAt: this.firstAt ?? lastTick,
      lastTick,
      lastInactive: this.lastInactive,
      wasActive: this.wasActive,
      timers: this.rules().map((r) => r.timer.activeSince ?? null),
    };
  }

  /**
   * Continues from what `store` saved, if anything; returns the latest saved tick (ms). The
   * counters of this process started at zero, so the next tick counts every call they hold.
   */
  restore(store: SloHistoryStore): number | undefined {
    const key = this.key;
    const saved = store.load(key);
    if (saved === undefined) return undefined;
    const from = this.history.restoreFrom(saved.lastTick / 1000);
    this.history.restore(
      saved.firstAt / 1000,
      saved.lastTick / 1000,
      store.buckets(key, 'fine', from.fine),
      store.buckets(key, 'minute', from.minute),
    );
    this.firstAt = saved.firstAt;
    this.lastInactive = saved.lastInactive;
    this.wasActive = saved.wasActive;
    const rules = this.rules();
    // Timers saved for other tiers (the spec changed) would belong to other rules: those start afresh.
    if (saved.timers.length === rules.length) {
      rules.forEach((r, i) => {
        r.timer.activeSince = saved.timers[i] ?? undefined;
      });
    }
    this.prevTotal = 0;
    this.prevBad = 0;
    return saved.lastTick;
  }

  private rules(): Rule[] {
    return [...this.burn, this.outageRunning, this.outageBreached, this.silence];
  }

  /**
   * Ticks were missed (a stopped timer, a sleeping laptop). The evaluations that should have run
   * had no calls in their last minute: no outage was on and no page guard held, so `for` timers
   * that need the last minute start again. What the silence check would have said depends on
   * weeks-old baselines; it restarts too rather than page the moment the laptop wakes.
   */
  missedTicks(prevMs: number, nowMs: number, intervalSeconds: number): void {
    const gap = (nowMs - prevMs) / 1000;
    // The missed evaluations saw the calls before the gap, in windows stretched to hold them,
    // until the longest judging window (6 h) no longer did: only then was no outage on.
    if (gap > LONGEST_JUDGE) {
      const quietAt = Math.max(prevMs + LONGEST_JUDGE * 1000, nowMs - intervalSeconds * 1000);
      if (this.lastInactive === undefined || quietAt > this.lastInactive) this.lastInactive = quietAt;
      this.wasActive = false;
    }
    // A page whose long window emptied during the gap had no value there: its `for` restarts.
    this.tiers.forEach((w, i) => {
      if (w.severity === 'page' && gap > w.long) this.burn[i]!.timer.reset();
    });
    this.silence.timer.reset();
  }

  /** The status before the first tick: nothing seen, nothing alerting. */
  blank(): SloStatus {
    const errorRatios: Record<string, number | undefined> = {};
    for (const [, label] of this.windows) errorRatios[label] = undefined;
    const o = this.objective;
    return buildStatus(this.objective, this.service, undefined, errorRatios, undefined, undefined, {
      outage: o.maxOutage === undefined ? undefined : { active: false, seconds: 0, limit: o.maxOutage.limit },
      silence: o.silence === undefined ? undefined : { rate: 0, baseline: undefined, silent: false },
      alerts: [],
    });
  }

  /** Runs every rule at `nowMs`, the latest tick, as the generated rules would at that moment. */
  evaluate(nowMs: number): SloStatus {
    const o = this.objective;
    this.ratios.clear();
    const alerts: SloAlert[] = [];

    const errorRatios: Record<string, number | undefined> = {};
    for (const [w, label] of this.windows) errorRatios[label] = this.ratio(w);

    const recent = this.recentRatio();
    for (let i = 0; i < this.tiers.length; i++) {
      const w = this.tiers[i]!;
      const threshold = this.thresholds[i]!;
      // As rules/alerts.ts: the short window decides only with enough calls in it; k failed calls.
      const short = this.calls(w.short).total >= MIN_FAILED_CALLS ? this.ratio(w.short) : this.ratio(w.long);
      const burning =
        above(this.ratio(w.long), threshold) &&
        this.calls(w.long).bad >= MIN_FAILED_CALLS &&
        this.calls(w.long).total >= this.minCalls &&
        above(short, threshold) &&
        (w.severity !== 'page' || above(recent, threshold)) &&
        this.dataSeconds(nowMs) >= minDataSeconds(w);
      this.track(this.burn[i]!, burning, nowMs, alerts);
    }

    let outage: SloStatus['outage'];
    if (o.maxOutage !== undefined) {
      const m = o.maxOutage;
      const ratio = num(m.errorRatio);
      // As rules/now.ts: the latest calls fail; and some window holds k failed calls, at least
      // `errorRatio` of its calls, or the previous evaluation already found the outage.
      const failing = recent !== undefined && recent >= ratio;
      const confirmed = JUDGE_WINDOWS.some((w) => {
        const c = this.calls(w);
        return c.bad >= MIN_FAILED_CALLS && c.bad >= ratio * c.total && c.total >= this.minCalls;
      });
      const active = failing && (confirmed || this.wasActive);
      this.wasActive = active;
      if (!failing) this.lastInactive = nowMs;
      const cap = outageCap(m.limit);
      let seconds = 0;
      if (active) seconds = this.lastInactive === undefined ? cap : Math.min((nowMs - this.lastInactive) / 1000, cap);
      this.track(this.outageRunning, seconds >= m.warnAfter, nowMs, alerts);
      this.track(this.outageBreached, seconds >= m.limit, nowMs, alerts);
      outage = { active, seconds, limit: m.limit };
    }

    let silence: SloStatus['silence'];
    if (o.silence !== undefined) {
      const s = o.silence;
      const rate = (this.history.recent(NOW_WINDOW)?.total ?? 0) / NOW_WINDOW;
      const baseline = weeklyBaseline(this.history, nowMs / 1000, s.baselineWeeks);
      const silent = baseline !== undefined && rate < num(s.ratio) * baseline && baseline > num(s.minExpectedRate);
      this.track(this.silence, silent, nowMs, alerts);
      silence = { rate, baseline, silent };
    }

    const current = this.ratio(CURRENT_BURN_WINDOW);
    const period = this.ratio(o.window);
    const callRate = (this.history.recent(CURRENT_BURN_WINDOW)?.total ?? 0) / CURRENT_BURN_WINDOW;
    const judged = this.calls(LONGEST_JUDGE).total;
    const judgement = { judgeable: judged >= this.minCalls, calls: judged, window: LONGEST_JUDGE };
    const seconds = Math.min(this.dataSeconds(nowMs), o.window);
    const coverage = {
      seconds,
      ratio: seconds / o.window,
      window: o.window,
      collecting: seconds < o.window * TICKET_MIN_COVERAGE,
    };
    return buildStatus(this.objective, this.service, nowMs, errorRatios, current, period, {
      outage,
      silence,
      alerts,
      callRate,
      judgement,
      coverage,
    });
  }

  /**
   * Seconds of data the history holds, in whole coverage steps, as the rules count them
   * (`slo:data_coverage:ratio…`): a restart starts the count afresh, since the history is gone.
   */
  private dataSeconds(nowMs: number): number {
    if (this.firstAt === undefined) return 0;
    return Math.floor((nowMs - this.firstAt) / 1000 / COVERAGE_STEP) * COVERAGE_STEP;
  }

  /** Calls in the last `window` seconds (none before counting began). */
  private calls(window: number): { total: number; bad: number } {
    return this.history.recent(window) ?? { total: 0, bad: 0 };
  }

  /** Error ratio of the shortest judging window that holds a call (`slo:recent_error:ratio`). */
  private recentRatio(): number | undefined {
    for (const w of JUDGE_WINDOWS) if (this.calls(w).total >= 1) return this.ratio(w);
    return undefined;
  }

  private ratio(window: number): number | undefined {
    if (!this.ratios.has(window)) this.ratios.set(window, this.history.errorRatio(window));
    return this.ratios.get(window);
  }

  private track(r: Rule, condition: boolean, nowMs: number, alerts: SloAlert[]): void {
    const state = r.timer.update(condition, nowMs);
    if (state !== undefined) alerts.push({ ...r.alert, activeSince: r.timer.activeSince!, state });
  }
}
