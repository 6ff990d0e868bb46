import { MIN_FAILED_CALLS } from '@hartslag/metrics/contract';
import type { Slo } from '../model/Slo.js';
import type { MaintenanceWindow } from './maintenance.js';
import type { MonthRange } from './month.js';
import type { RangeSeries } from './PrometheusClient.js';

/** One SLO (or one group of a grouped SLO) over one calendar month. */
export interface SloMonth {
  slo: string;
  service: string;
  operation?: string;
  /** For a grouped SLO: its group, e.g. { vendor: 'pharmasoft' } (`__other__` for the groups beyond its top N). */
  group?: Record<string, string>;
  objective: number;
  calls: number;
  failedCalls: number;
  /** Share of calls that did not fail; undefined without calls. */
  availability: number | undefined;
  /** Share of the month's error budget the failed calls spent (1 = all of it); undefined without calls. */
  budgetUsed: number | undefined;
  /** The longest outage, seconds: the coffee-break figure. */
  longestOutageSeconds: number;
  /** Outages: runs of failing minutes with at least MIN_FAILED_CALLS failed calls, until a call succeeds. */
  incidents: number;
  /** Seconds of the month in declared maintenance, left out of every figure above (when windows were given). */
  maintenanceSeconds?: number;
}

/** Minutes: the resolution of outage lengths, and Prometheus' usual scrape is finer. */
export const STEP = 60;

/** The outage threshold of the coffee-break rule, for SLOs that set none. */
const DEFAULT_OUTAGE_RATIO = 0.5;

/** The month's figures from the calls and failed calls counted per minute (both maps are consumed). */
export function monthFigures(
  slo: Slo,
  totals: Map<number, number>,
  faileds: Map<number, number>,
  range: MonthRange,
  maintenance: readonly MaintenanceWindow[] | undefined,
  group?: Record<string, string>,
): SloMonth {
  // Declared maintenance: its minutes count as minutes without calls, in the figures and the outages.
  let maintenanceSeconds: number | undefined;
  if (maintenance !== undefined) {
    const windows = maintenance.filter((w) => w.slos === undefined || w.slos.includes(slo.name));
    maintenanceSeconds = 0;
    for (let t = range.start + STEP; t <= range.end; t += STEP) {
      if (!windows.some((w) => t > w.from && t <= w.to)) continue;
      maintenanceSeconds += STEP;
      totals.delete(t);
      faileds.delete(t);
    }
  }
  const calls = sum(totals);
  const failedCalls = sum(faileds);
  const ratio = slo.maxOutage?.errorRatio ?? DEFAULT_OUTAGE_RATIO;
  const { longest, incidents } = outages(totals, faileds, ratio, range);
  const availability = calls > 0 ? 1 - failedCalls / calls : undefined;
  return {
    slo: slo.name,
    service: slo.service,
    ...(slo.operation ? { operation: slo.operation } : {}),
    ...(group ? { group } : {}),
    objective: slo.objective,
    calls,
    failedCalls,
    availability,
    budgetUsed: calls > 0 ? failedCalls / calls / (1 - slo.objective) : undefined,
    longestOutageSeconds: longest,
    incidents,
    ...(maintenanceSeconds === undefined ? {} : { maintenanceSeconds }),
  };
}

/**
 * Calls counted in each minute ending at a step (seconds → count). The value at the month's start
 * is the base; a series born during the month counts from 0; a counter that went down was reset.
 */
export function increases(series: RangeSeries | undefined, start: number): Map<number, number> {
  const out = new Map<number, number>();
  const points = series?.points ?? [];
  let last: number | undefined;
  for (const [t, v] of points) {
    if (t === start) {
      last = v;
      continue;
    }
    const d = last === undefined ? v : v >= last ? v - last : v;
    if (d > 0) out.set(t, d);
    last = v;
  }
  return out;
}

export function sum(m: Map<number, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

/**
 * Outages as the rules see them: minutes in which at least `ratio` of the calls failed; minutes
 * without calls change nothing; a minute whose calls succeed ends it. An outage needs
 * MIN_FAILED_CALLS failed calls to count, and lasts from its first failing minute to the end of
 * its last one.
 */
function outages(
  totals: Map<number, number>,
  faileds: Map<number, number>,
  ratio: number,
  range: MonthRange,
): { longest: number; incidents: number } {
  let longest = 0;
  let incidents = 0;
  let from: number | undefined;
  let until = 0;
  let failedIn = 0;
  const close = () => {
    if (from !== undefined && failedIn >= MIN_FAILED_CALLS) {
      incidents++;
      longest = Math.max(longest, until - from);
    }
    from = undefined;
    failedIn = 0;
  };
  for (let t = range.start + STEP; t <= range.end; t += STEP) {
    const total = totals.get(t) ?? 0;
    if (total === 0) continue;
    const failed = faileds.get(t) ?? 0;
    if (failed > 0 && failed >= ratio * total) {
      if (from === undefined) from = t - STEP;
      until = t;
      failedIn += failed;
    } else {
      close();
    }
  }
  close();
  return { longest, incidents };
}
