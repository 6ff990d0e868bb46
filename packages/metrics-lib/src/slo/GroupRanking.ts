import { SLO_GROUP_RANK_WINDOW } from '../contract/groups.js';
import { OTHER } from '../contract/names.js';
import { CounterRing } from './CounterRing.js';

/**
 * Five-minute slots: the rules rank over a day once a minute; a day that starts up to five
 * minutes late moves a ranking that changes over hours by next to nothing, and keeps a ring per
 * vendor at 289 slots (4.6 kB) however many vendors the library's cap admits.
 */
export const RANK_SLOT = 300;
const RANK_SLOTS = SLO_GROUP_RANK_WINDOW / RANK_SLOT;

/** A group's calls in one rank slot: what a history store keeps to rank again after a restart. */
export interface RankBucket {
  group: string;
  slot: number;
  total: number;
}

/**
 * The calls of every group over the rank window, for the top N that get series of their own
 * (`slo:group_top:bool` of the rules: topk over a day's increase, the library's `__other__` never
 * among them).
 */
export class GroupRanking {
  private readonly rings = new Map<string, CounterRing>();

  constructor(readonly top: number) {}

  /**
   * Counts each group's calls since the previous tick at `seconds`. A group the counters no longer
   * hold (a restart, a reset) still ranks by its calls of the last day, as Prometheus still holds
   * its samples; once that day holds none it is dropped.
   */
  add(seconds: number, calls: ReadonlyMap<string, number>): void {
    for (const [group, ring] of this.rings) {
      if (calls.has(group)) continue;
      ring.add(seconds, 0, 0);
      if ((ring.calls(ring.latest, RANK_SLOTS)?.total ?? 0) === 0) this.rings.delete(group);
    }
    for (const [group, n] of calls) {
      if (group === OTHER) continue;
      this.ring(group).add(seconds, n, 0);
    }
  }

  /** Rebuilds the rings from saved buckets (oldest first), up to the latest tick `lastSeconds`. */
  restore(buckets: readonly RankBucket[], lastSeconds: number): void {
    for (const b of buckets) this.ring(b.group).add(b.slot * RANK_SLOT, b.total, 0);
    for (const ring of this.rings.values()) ring.add(lastSeconds, 0, 0);
  }

  /** The groups with series of their own: the most calls over the rank window; ties by name, so the choice is stable. */
  ranked(): Set<string> {
    const scored = [...this.rings].map(([group, ring]) => ({
      group,
      calls: ring.calls(ring.latest, RANK_SLOTS)?.total ?? 0,
    }));
    scored.sort((a, b) => b.calls - a.calls || (a.group < b.group ? -1 : 1));
    return new Set(scored.slice(0, this.top).map((s) => s.group));
  }

  /** The slot a tick at `seconds` counts in: the key a history store saves rank calls under. */
  slotOf(seconds: number): number {
    return Math.floor(seconds / RANK_SLOT);
  }

  /** The oldest rank slot a restore at latest tick `lastSeconds` reads. */
  restoreFrom(lastSeconds: number): number {
    // The window's base slot is not part of it: its calls are before the window.
    return this.slotOf(lastSeconds) - RANK_SLOTS + 1;
  }

  private ring(group: string): CounterRing {
    let ring = this.rings.get(group);
    if (ring === undefined) this.rings.set(group, (ring = new CounterRing(RANK_SLOT, RANK_SLOTS + 1)));
    return ring;
  }
}
