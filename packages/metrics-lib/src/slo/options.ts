import type { SloHistoryStore } from './history/SloHistoryStore.js';

/** Options of createSloEvaluator besides the objectives; checked at start-up (validate.ts). */
export interface SloEvaluatorOptions {
  /** The clock, ms since the epoch. Default Date.now; tests pass a fake one. */
  now?: () => number;
  /** Seconds between ticks, 1–60. Default NOW_INTERVAL (30), the evaluation interval of the generated rules. */
  interval?: number;
  /** Tick at once and then every `interval`. Default true. */
  autoStart?: boolean;
  /**
   * Where the history is kept across restarts (`openSqliteSloHistory` from
   * `@hartslag/metrics/history-sqlite`). Absent: in memory, gone with the process.
   */
  history?: SloHistoryStore;
}
