import {
  ALERT_WINDOWS,
  BASELINE_WINDOW,
  burnFactor,
  NOW_WINDOW,
  PAGE_FOR,
  SLI_WINDOWS,
  silenceFor,
} from '../contract/alerting.js';
import { AlertTimer } from './AlertTimer.js';
import { CallHistory } from './CallHistory.js';
import { formatDuration } from './duration.js';
import type { SloObjective } from './SloObjective.js';
import type { SloAlert, SloStatus } from './SloStatus.js';

const WEEK = 604_800;

/** The window of the current burn rate: `slo:current_burn_rate:ratio` divides the 5m ratio (@hartslag/slo rules/meta.ts). */
const CURRENT_WINDOW = 300;

/** How far back the rules look for the outage's start; a longer outage reads as this long (rules/now.ts). */
function outageCap(limit: number): number {
  return Math.max(3600, 3 * limit);
}

/** Thresholds as the generated PromQL prints them, 12 significant digits (rules/promql.ts `num`). */
function num(x: number): number {
  return Number(x.toPrecision(12));
}

/** `a > b` with PromQL's "no value" on the left: never true. */
function above(a: number | undefined, b: number): boolean {
  return a !== undefined && a > b;
}

/** What one SLO has seen so far and the `for` timers of its alerts. */
export class SloState {
  readonly history: CallHistory;
  private readonly labels: Record<string, string>;
  private readonly budget: number;
  private readonly burnTimers: AlertTimer[];
  private readonly outageRunning = new AlertTimer(0);
  private readonly outageBreached = new AlertTimer(0);
  private readonly silenceTimer: AlertTimer | undefined;
  /** The latest tick (ms) at which no outage was on. */
  private lastInactive: number | undefined = undefined;
  private prevTotal: number | undefined = undefined;
  private prevBad = 0;

  constructor(
    readonly objective: SloObjective,
    readonly service: string,
  ) {
    const o = objective;
    const weeks = o.silence === undefined ? 0 : o.silence.baselineWeeks * WEEK + BASELINE_WINDOW;
    this.history = new CallHistory(Math.max(o.window, weeks, ...SLI_WINDOWS, ...ALERT_WINDOWS.map((w) => w.long)));
    this.labels = { slo: o.name, service, ...(o.operation === undefined ? {} : { operation: o.operation }) };
    this.budget = num(1 - o.objective);
    this.burnTimers = ALERT_WINDOWS.map((w) => new AlertTimer(w.severity === 'page' ? PAGE_FOR : 0));
    this.silenceTimer = o.silence === undefined ? undefined : new AlertTimer(silenceFor(o.silence.detectWithin));
  }

  /** Adds the calls since the previous tick, from the cumulative counters; the first only sets the base. */
  observe(nowMs: number, total: number, bad: number): void {
    if (this.prevTotal === undefined) {
      this.history.add(nowMs / 1000, 0, 0);
    } else {
      // A counter that went down was reset (registry.resetMetrics()); like rate(), count from zero.
      const dTotal = total >= this.prevTotal ? total - this.prevTotal : total;
      const dBad = bad >= this.prevBad ? bad - this.prevBad : bad;
      this.history.add(nowMs / 1000, dTotal, dBad);
    }
    this.prevTotal = total;
    this.prevBad = bad;
  }

  /**
   * Ticks were missed (a stopped timer, a sleeping laptop). The evaluations that should have run
   * had no calls in their last minute: no outage was on and no page guard held, so `for` timers
   * that need the last minute start again. What the silence check would have said depends on
   * weeks-old baselines; it restarts too rather than page the moment the laptop wakes.
   */
  missedTicks(prevMs: number, nowMs: number, intervalSeconds: number): void {
    const quietAt = Math.max(prevMs + NOW_WINDOW * 1000, nowMs - intervalSeconds * 1000);
    if (this.lastInactive === undefined || quietAt > this.lastInactive) this.lastInactive = quietAt;
    ALERT_WINDOWS.forEach((w, i) => {
      if (w.severity === 'page') this.burnTimers[i]!.reset();
    });
    this.silenceTimer?.reset();
  }

  /** The status before the first tick: nothing seen, nothing alerting. */
  blank(): SloStatus {
    const o = this.objective;
    const errorRatios: Record<string, number | undefined> = {};
    for (const w of [...SLI_WINDOWS, o.window]) errorRatios[formatDuration(w)] = undefined;
    return {
      name: o.name,
      service: this.service,
      ...(o.operation === undefined ? {} : { operation: o.operation }),
      objective: o.objective,
      window: o.window,
      evaluatedAt: undefined,
      errorRatios,
      burnRates: { current: undefined, period: undefined },
      budgetRemaining: undefined,
      ...(o.maxOutage === undefined ? {} : { outage: { active: false, seconds: 0, limit: o.maxOutage.limit } }),
      ...(o.silence === undefined ? {} : { silence: { rate: 0, baseline: undefined, silent: false } }),
      alerts: [],
    };
  }

  evaluate(nowMs: number): SloStatus {
    const o = this.objective;
    const ratios = new Map<number, number | undefined>();
    const ratio = (w: number) => {
      if (!ratios.has(w)) ratios.set(w, this.history.errorRatio(w));
      return ratios.get(w);
    };
    const alerts: SloAlert[] = [];
    const alert = (timer: AlertTimer, condition: boolean, a: Omit<SloAlert, 'activeSince' | 'state'>) => {
      const state = timer.update(condition, nowMs);
      if (state !== undefined) alerts.push({ ...a, activeSince: timer.activeSince!, state });
    };

    const errorRatios: Record<string, number | undefined> = {};
    for (const w of [...SLI_WINDOWS, o.window]) errorRatios[formatDuration(w)] = ratio(w);

    ALERT_WINDOWS.forEach((w, i) => {
      const threshold = num(burnFactor(w, o.window) * (1 - o.objective));
      const page = w.severity === 'page';
      const condition =
        above(ratio(w.long), threshold) &&
        above(ratio(w.short), threshold) &&
        (!page || above(ratio(NOW_WINDOW), threshold));
      alert(this.burnTimers[i]!, condition, {
        alertname: 'HartslagErrorBudgetBurn',
        severity: w.severity,
        labels: { ...this.labels, severity: w.severity, long_window: formatDuration(w.long) },
      });
    });

    const current = ratio(CURRENT_WINDOW);
    const period = ratio(o.window);
    const periodBurn = period === undefined ? undefined : period / this.budget;
    const status: SloStatus = {
      name: o.name,
      service: this.service,
      ...(o.operation === undefined ? {} : { operation: o.operation }),
      objective: o.objective,
      window: o.window,
      evaluatedAt: nowMs,
      errorRatios,
      burnRates: { current: current === undefined ? undefined : current / this.budget, period: periodBurn },
      budgetRemaining: periodBurn === undefined ? undefined : 1 - periodBurn,
      alerts,
    };

    if (o.maxOutage !== undefined) {
      const m = o.maxOutage;
      // Without calls there is no outage: silence is a separate question.
      const now = ratio(NOW_WINDOW);
      const active = now !== undefined && now >= num(m.errorRatio);
      if (!active) this.lastInactive = nowMs;
      const cap = outageCap(m.limit);
      const seconds = !active
        ? 0
        : this.lastInactive === undefined
          ? cap
          : Math.min((nowMs - this.lastInactive) / 1000, cap);
      const labels = { ...this.labels, severity: 'page' };
      alert(this.outageRunning, seconds >= m.warnAfter, {
        alertname: 'HartslagOutageRunning',
        severity: 'page',
        labels: { ...labels, coffee_break: 'warning' },
      });
      alert(this.outageBreached, seconds >= m.limit, {
        alertname: 'HartslagOutageLimitBreached',
        severity: 'page',
        labels: { ...labels, coffee_break: 'breached' },
      });
      status.outage = { active, seconds, limit: m.limit };
    }

    if (o.silence !== undefined && this.silenceTimer !== undefined) {
      const s = o.silence;
      const rate = (this.history.recent(NOW_WINDOW)?.total ?? 0) / NOW_WINDOW;
      const baseline = this.baseline(nowMs / 1000, s.baselineWeeks);
      const silent = baseline !== undefined && rate < num(s.ratio) * baseline && baseline > num(s.minExpectedRate);
      alert(this.silenceTimer, silent, {
        alertname: 'HartslagTrafficSilent',
        severity: 'page',
        labels: { ...this.labels, severity: 'page' },
      });
      status.silence = { rate, baseline, silent };
    }
    return status;
  }

  /**
   * The median call rate of the same ten minutes in each earlier week that history holds. The
   * rules take quantile(0.5) of the weeks Prometheus has data for, which interpolates between the
   * two middle ones, as a median does.
   */
  private baseline(now: number, weeks: number): number | undefined {
    const rates: number[] = [];
    for (let n = 1; n <= weeks; n++) {
      const calls = this.history.callsBefore(now - n * WEEK, BASELINE_WINDOW);
      if (calls !== undefined) rates.push(calls / BASELINE_WINDOW);
    }
    if (rates.length === 0) return undefined;
    rates.sort((a, b) => a - b);
    const mid = (rates.length - 1) / 2;
    return (rates[Math.floor(mid)]! + rates[Math.ceil(mid)]!) / 2;
  }
}
