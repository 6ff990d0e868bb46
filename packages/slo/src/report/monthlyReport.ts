import { BUDGET_BURNING_OUTCOMES, METRICS, MIN_FAILED_CALLS } from '@hartslag/metrics/contract';
import { ReportError } from '../errors.js';
import type { Slo, SloSpec } from '../model/Slo.js';
import { selector, str } from '../rules/promql.js';
import type { MaintenanceWindow } from './maintenance.js';
import type { MonthRange } from './month.js';
import type { PrometheusClient, RangeSeries } from './PrometheusClient.js';

/** One SLO over one calendar month. */
export interface SloMonth {
  slo: string;
  service: string;
  operation?: string;
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

/**
 * One partner's share of the calls: a software vendor's (exact, `care_vendor_calls_total`) or a
 * group of tenants' (`care_tenant_calls_total`, capped). These series carry no operation label, so
 * a sliced figure covers the SLO's whole service.
 */
export type ReportSlice = { vendor: string } | { tenants: readonly string[] };

export interface MonthlyReport {
  /** `2026-11`, or a week's name (`2026-W49`) for a weekRange. */
  month: string;
  /** Whose calls were counted, when a slice was asked for: `vendor vendor-a`, `tenants a, b`. */
  slice?: string;
  timeZone: string;
  /** ISO instants of the month's start and end (exclusive). */
  from: string;
  to: string;
  slos: SloMonth[];
}

/** Minutes: the resolution of outage lengths, and Prometheus' usual scrape is finer. */
const STEP = 60;
const DEFAULT_OUTAGE_RATIO = 0.5;

/**
 * The month's figures per SLO from the raw `care_calls_total` counters in Prometheus (query_range
 * at one-minute steps, increases summed here, so calls are counted, not extrapolated). Only SLOs
 * on the care metrics can be counted this way; others are refused by name.
 */
export async function monthlyReport(
  spec: SloSpec,
  range: MonthRange,
  prometheus: PrometheusClient,
  maintenance?: readonly MaintenanceWindow[],
  slice?: ReportSlice,
): Promise<MonthlyReport> {
  const uncounted = spec.slos.filter((s) => s.indicator.kind !== 'care').map((s) => s.name);
  if (uncounted.length > 0) {
    throw new ReportError(
      `SLOs ${uncounted.join(', ')} count calls with their own queries: the report counts the care_calls_total counters of @hartslag/metrics; leave those SLOs out of the spec given to the report`,
    );
  }
  const slos: SloMonth[] = [];
  if (slice !== undefined) checkSlice(slice);
  for (const slo of spec.slos) slos.push(await sloMonth(slo, range, prometheus, maintenance, slice));
  return {
    month: range.month,
    ...(slice === undefined ? {} : { slice: describeSlice(slice) }),
    timeZone: range.timeZone,
    from: new Date(range.start * 1000).toISOString(),
    to: new Date(range.end * 1000).toISOString(),
    slos,
  };
}

async function sloMonth(
  slo: Slo,
  range: MonthRange,
  prometheus: PrometheusClient,
  maintenance: readonly MaintenanceWindow[] | undefined,
  slice: ReportSlice | undefined,
): Promise<SloMonth> {
  if (slo.indicator.kind !== 'care') throw new Error('unreachable');
  const [metric, sel] = counted(slo, slo.indicator.selector, slice);
  const bad = str(BUDGET_BURNING_OUTCOMES.join('|'));
  const [total, failed] = await Promise.all([
    prometheus.queryRange(`sum(${metric}{${sel}})`, range.start, range.end, STEP),
    prometheus.queryRange(`sum(${metric}{${sel},outcome=~${bad}})`, range.start, range.end, STEP),
  ]);
  const totals = increases(total, range.start);
  const faileds = increases(failed, range.start);
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

/** The counter and selector an SLO's calls are counted from, whole or sliced. */
function counted(slo: Slo, whole: Record<string, string>, slice: ReportSlice | undefined): [string, string] {
  if (slice === undefined) return [METRICS.calls, selector(whole)];
  const service = selector({ service: slo.service });
  if ('vendor' in slice) return [METRICS.vendorCalls, `${service},vendor=${str(slice.vendor)}`];
  return [METRICS.tenantCalls, `${service},tenant=~${str(slice.tenants.map(regexEscape).join('|'))}`];
}

/** RE2 metacharacters in a tenant id are matched literally. */
function regexEscape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function checkSlice(slice: ReportSlice): void {
  const ok =
    'vendor' in slice
      ? typeof slice.vendor === 'string' && slice.vendor !== ''
      : Array.isArray(slice.tenants) &&
        slice.tenants.length > 0 &&
        slice.tenants.every((t) => typeof t === 'string' && t !== '');
  if (!ok) {
    throw new ReportError(
      'the report slice must be { vendor: "<id>" } or { tenants: ["<id>", …] } with non-empty ids; got ' +
        JSON.stringify(slice),
    );
  }
}

function describeSlice(slice: ReportSlice): string {
  return 'vendor' in slice ? `vendor ${slice.vendor}` : `tenants ${slice.tenants.join(', ')}`;
}

/**
 * Calls counted in each minute ending at a step (seconds → count). The value at the month's start
 * is the base; a series born during the month counts from 0; a counter that went down was reset.
 */
function increases(series: RangeSeries[], start: number): Map<number, number> {
  const out = new Map<number, number>();
  const points = series[0]?.points ?? [];
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

function sum(m: Map<number, number>): number {
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
