import { BASELINE_WINDOW } from '../contract/alerting.js';
import type { CallHistory } from './CallHistory.js';

const WEEK = 604_800;

/** Seconds of history the silence baseline reads: `weeks` earlier weeks and the window before each. */
export function baselineReach(weeks: number): number {
  return weeks * WEEK + BASELINE_WINDOW;
}

/**
 * The median call rate of the same ten minutes in each earlier week that `history` holds. The
 * rules take quantile(0.5) over the weeks Prometheus has data for, which interpolates between
 * the two middle ones, as a median does.
 */
export function weeklyBaseline(history: CallHistory, now: number, weeks: number): number | undefined {
  const rates: number[] = [];
  for (let n = 1; n <= weeks; n++) {
    const calls = history.callsBefore(now - n * WEEK, BASELINE_WINDOW);
    if (calls !== undefined) rates.push(calls / BASELINE_WINDOW);
  }
  if (rates.length === 0) return undefined;
  rates.sort((a, b) => a - b);
  const mid = (rates.length - 1) / 2;
  return (rates[Math.floor(mid)]! + rates[Math.ceil(mid)]!) / 2;
}
