import { ALERT_WINDOWS, NOW_INTERVAL } from '../contract/alerting.js';
import { CounterRing } from './CounterRing.js';
import type { SloHistoryBucket } from './history/SloHistoryStore.js';

const MINUTE = 60;

/**
 * Windows up to the longest page window (6 h) are answered from NOW_INTERVAL (30 s) slots, so
 * the 1-minute "now" window evaluated every 30 s holds exactly the last 60 s, and every page
 * decision is exact. Longer look-backs come from minute slots, which keep a 30-day SLO in
 * 43,201 slots instead of 86,401: a window of a day or more then starts up to 30 s late (under
 * 0.04 % of it), and a baseline's ten minutes of an earlier week end up to 30 s late.
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

  /** Slot numbers of a tick at `seconds` in each ring: the keys a history store saves its calls under. */
  slots(seconds: number): { fine: number; minute: number } {
    return { fine: this.fine.slotOf(seconds), minute: this.coarse.slotOf(seconds) };
  }

  /** The oldest slot of each ring a restore at latest tick `lastSeconds` reads: older ones fell out of the rings. */
  restoreFrom(lastSeconds: number): { fine: number; minute: number } {
    const s = this.slots(lastSeconds);
    return { fine: s.fine - this.fine.size + 1, minute: s.minute - this.coarse.size + 1 };
  }

  /**
   * Rebuilds the rings from saved calls per slot, counting from `firstSeconds` to the latest tick
   * `lastSeconds`: each slot then holds the totals as of its last tick, as in a process that
   * never stopped (windows are differences of totals, so calls older than the rings do not matter).
   */
  restore(firstSeconds: number, lastSeconds: number, fine: SloHistoryBucket[], minute: SloHistoryBucket[]): void {
    for (const [ring, buckets] of [
      [this.fine, fine],
      [this.coarse, minute],
    ] as const) {
      ring.add(firstSeconds, 0, 0);
      for (const b of buckets) ring.add(b.slot * ring.slotSeconds, b.total, b.bad);
      ring.add(lastSeconds, 0, 0);
    }
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
