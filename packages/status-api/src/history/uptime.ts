import type { State } from '../state/State.js';

export const UPTIME_WINDOWS = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
} as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;
export const UPTIME_WINDOW_NAMES = Object.keys(UPTIME_WINDOWS) as UptimeWindow[];

export interface Uptime {
  window: UptimeWindow;
  /** 0…1; undefined when no minute of the window was measured. */
  ratio: number | undefined;
  /** Share of the window's minutes with a known state: 1 when the history covers all of it. */
  coverage: number;
}

/*
 * Uptime counts a minute of major outage as down and a minute of partial outage as 30 % down,
 * as Statuspage does; degraded and maintenance minutes are up (users are served, or were told in
 * advance). Unknown minutes are left out rather than guessed either way, and `coverage` says how
 * much of the window was measured, so a new installation does not claim 100 % over 90 days.
 */
const DOWN_WEIGHT: Record<State, number> = {
  operational: 0,
  degraded: 0,
  maintenance: 0,
  partial_outage: 0.3,
  major_outage: 1,
  unknown: 0,
};

export function uptimeOf(window: UptimeWindow, minutes: Partial<Record<State, number>>): Uptime {
  let measured = 0;
  let down = 0;
  for (const [state, n] of Object.entries(minutes) as [State, number][]) {
    if (state === 'unknown') continue;
    measured += n;
    down += n * DOWN_WEIGHT[state];
  }
  const windowMinutes = UPTIME_WINDOWS[window] / 60_000;
  return {
    window,
    ratio: measured === 0 ? undefined : 1 - down / measured,
    coverage: Math.min(1, measured / windowMinutes),
  };
}
