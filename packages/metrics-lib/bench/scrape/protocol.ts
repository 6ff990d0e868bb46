/** What the scrape-delay benchmark's child processes tell the parent. */

/** The service's view of one phase: event-loop delay in milliseconds, GC pauses. */
export interface DelayReport {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  /** Total GC pause during the phase, milliseconds. */
  gcMs: number;
}

/** The parent's order to the client: scrape for `ms`, one scrape every `intervalMs` (0: back to back). */
export interface Go {
  cmd: 'go';
  ms: number;
  intervalMs: number;
}

/** The client's view of one phase. */
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
