/** What the scrape-delay benchmark's child processes tell the parent. */

/** The service's view of one round: event-loop delay in milliseconds, GC pauses. */
export interface DelayReport {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  /** Total GC pause during the round, milliseconds. */
  gcMs: number;
}

/** The client's view of one round. */
export interface ClientReport {
  scrapes: number;
  bytes: number;
  ms: number;
}

/**
 * monitorEventLoopDelay's default interval. Its samples are the time between two ticks of its
 * timer, so an idle loop reads about this much: the figures include it.
 */
export const DELAY_RESOLUTION_MS = 10;

/** Scrapes before measuring, so the figures are of a warm service. */
export const WARM_UP_SCRAPES = 3;
