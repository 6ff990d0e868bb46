import type { Outcome } from '@hartslag/metrics/contract';

/** What a probe runner has done, by its own count: what tests and the bench compare against. */
export interface ProbeStats {
  /** Runs started. */
  runs: number;
  /** Runs finished (recorded as calls). */
  finished: number;
  /** Due times not run: missed while the process was blocked, or the previous run still going. */
  skipped: number;
  /** Finished runs by outcome. */
  outcomes: Record<Outcome, number>;
}

export function emptyStats(): ProbeStats {
  return {
    runs: 0,
    finished: 0,
    skipped: 0,
    outcomes: { success: 0, client_error: 0, server_error: 0, timeout: 0, denied: 0 },
  };
}
