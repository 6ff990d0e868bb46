import { BUDGET_BURNING_OUTCOMES, METRICS } from '@hartslag/metrics/contract';
import { ReportError } from '../errors.js';
import type { Slo, SloSpec } from '../model/Slo.js';
import { selector, str } from '../rules/promql.js';
import { increases, monthFigures, type SloMonth, STEP } from './figures.js';
import { groupedMonths } from './groupedMonth.js';
import type { MaintenanceWindow } from './maintenance.js';
import type { MonthRange } from './month.js';

export type { SloMonth } from './figures.js';

import type { PrometheusClient } from './PrometheusClient.js';

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
  for (const slo of spec.slos) slos.push(...(await sloMonth(slo, range, prometheus, maintenance, slice)));
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
): Promise<SloMonth[]> {
  if (slo.indicator.kind !== 'care') throw new Error('unreachable');
  // A partner's slice is one vendor or tenant group already: its figures are not split again.
  if (slo.groupBy !== undefined && slice === undefined) return groupedMonths(slo, range, prometheus, maintenance);
  const [metric, sel] = counted(slo, slo.indicator.selector, slice);
  const bad = str(BUDGET_BURNING_OUTCOMES.join('|'));
  const [total, failed] = await Promise.all([
    prometheus.queryRange(`sum(${metric}{${sel}})`, range.start, range.end, STEP),
    prometheus.queryRange(`sum(${metric}{${sel},outcome=~${bad}})`, range.start, range.end, STEP),
  ]);
  return [monthFigures(slo, increases(total[0], range.start), increases(failed[0], range.start), range, maintenance)];
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
