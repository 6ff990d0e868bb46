import type { RankBucket } from '../GroupRanking.js';

/**
 * Where the in-process evaluator keeps what it has seen, so that a restart (even `kill -9`)
 * continues the month's budget, the burn rates, a running outage and the silence baseline. The
 * core of @hartslag/metrics only knows this interface; the SQLite store is in the
 * `@hartslag/metrics/history-sqlite` subpath, so services without it load no database driver.
 *
 * Every method is synchronous: a tick writes before it returns, so a process killed after a tick
 * has that tick on disk, and a restart finds exactly the history a process that never stopped has.
 */
export interface SloHistoryStore {
  /** What was saved for one SLO; undefined when it was never seen. */
  load(key: SloHistoryKey): SloSavedState | undefined;
  /** The saved buckets of one resolution from slot `from` on (inclusive), oldest first. */
  buckets(key: SloHistoryKey, resolution: SloHistoryResolution, from: number): SloHistoryBucket[];
  /** Writes one tick of every SLO at once (one transaction): all of it is kept, or none. */
  save(tick: readonly SloHistoryEntry[]): void;
  close(): void;
  /**
   * The groups saved under a grouped SLO's own key (group ''), each a key of its own. A store
   * without it (or without `rank`) restores grouped SLOs empty.
   */
  groups?(key: SloHistoryKey): string[];
  /** A grouped SLO's saved calls per group and rank slot from slot `from` on, oldest first. */
  rank?(key: SloHistoryKey, from: number): RankBucket[];
}

/** `fine`: NOW_INTERVAL (30 s) slots, kept for a day; `minute`: minute slots, kept for the retention. */
export type SloHistoryResolution = 'fine' | 'minute';

/** One series of history: an SLO of a service, over one operation (or all: ''), for one group (or all: ''). */
export interface SloHistoryKey {
  service: string;
  slo: string;
  operation: string;
  group: string;
}

/** Calls and budget-burning calls counted in one slot (slot number = seconds since the epoch / slot width). */
export interface SloHistoryBucket {
  slot: number;
  total: number;
  bad: number;
}

/** The small part of an SLO's state that is not call counts: rule timers and the outage's start. */
export interface SloSavedState {
  /** When counting began (ms): coverage of the long windows runs from here. */
  firstAt: number;
  /** The latest tick (ms). */
  lastTick: number;
  /** The latest tick (ms) whose latest calls did not fail. */
  lastInactive: number | undefined;
  wasActive: boolean;
  /** `activeSince` of each alerting rule (ms), in the evaluator's rule order; null while false. */
  timers: (number | null)[];
}

/** What one tick adds to one SLO's history. */
export interface SloHistoryEntry {
  key: SloHistoryKey;
  /** Slot numbers of this tick at each resolution. */
  fine: number;
  minute: number;
  /** Calls since the previous tick. */
  total: number;
  bad: number;
  state: SloSavedState;
  /** A grouped SLO's own entry: each group's calls in this tick's rank slot, to rank again after a restart. */
  rank?: readonly RankBucket[];
}
