import { ALERT_WINDOWS, NOW_INTERVAL } from '../contract/alerting.js';
import { CounterRing } from './CounterRing.js';

const MINUTE = 60;

/**
 * Windows up to the longest page window are answered from NOW_INTERVAL slots, so the 1-minute
 * "now" window evaluated every 30 s covers exactly the last 60 s, as the rules' 30 s evaluations
 * do. Longer windows (a day and more: ticket windows, the SLO period, last weeks' baselines) come
 * from minute slots, where half a minute either way is below 0.04 % of the window.
 */
const FINE_SPAN = Math.max(...ALERT_WINDOWS.filter((w) => w.severity === 'page').map((w) => w.long));

/** Calls and budget-burning calls of one SLO over time, bounded to the longest window it asks about. */
export class CallHistory {
  private readonly fine: CounterRing;
  private readonly coarse: CounterRing;

  /** `span`: the longest look-back, seconds (the SLO period, or the oldest baseline week). */
  constructor(span: number) {
    // One slot more than the span: the slot before a window holds its base totals.
    this.fine = new CounterRing(NOW_INTERVAL, Math.ceil(FINE_SPAN / NOW_INTERVAL) + 1);
    this.coarse = new CounterRing(MINUTE, Math.ceil(Math.max(span, FINE_SPAN) / MINUTE) + 1);
  }

  get bytes(): number {
    return this.fine.bytes + this.coarse.bytes;
  }

  /** Counts the calls seen since the previous tick, at the tick's time (seconds). */
  add(seconds: number, total: number, bad: number): void {
    this.fine.add(seconds, total, bad);
    this.coarse.add(seconds, total, bad);
  }

  /** Calls in the last `window` seconds up to the latest tick (those before counting began: none). */
  recent(window: number): { total: number; bad: number } | undefined {
    const ring = window <= FINE_SPAN ? this.fine : this.coarse;
    if (Number.isNaN(ring.latest)) return undefined;
    return ring.calls(ring.latest, Math.ceil(window / ring.slotSeconds));
  }

  /** Σbad / Σtotal over the last `window` seconds; undefined without calls, as the rules give no value. */
  errorRatio(window: number): number | undefined {
    const c = this.recent(window);
    return c === undefined || c.total <= 0 ? undefined : c.bad / c.total;
  }

  /**
   * All calls in the `window` seconds ending at `end` (seconds, in the past), counted in whole
   * minutes; undefined unless counting had begun before that window and it is still held.
   */
  callsBefore(end: number, window: number): number | undefined {
    const r = this.coarse;
    const last = r.slotOf(end);
    const slots = Math.ceil(window / r.slotSeconds);
    if (!r.holds(last - slots) || last > r.latest) return undefined;
    return r.calls(last, slots)?.total;
  }
}
