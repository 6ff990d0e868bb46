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

export interface MonthlyReport {
  month: string;
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
): Promise<MonthlyReport> {
  const uncounted = spec.slos.filter((s) => s.indicator.kind !== 'care').map((s) => s.name);
  if (uncounted.length > 0) {
    throw new ReportError(
      `SLOs ${uncounted.join(', ')} count calls with their own queries: the report counts the care_calls_total counters of @hartslag/metrics; leave those SLOs out of the spec given to the report`,
    );
  }
  const slos: SloMonth[] = [];
  for (const slo of spec.slos) slos.push(...(await sloMonth(slo, range, prometheus, maintenance)));
  return {
    month: range.month,
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
): Promise<SloMonth[]> {
  if (slo.indicator.kind !== 'care') throw new Error('unreachable');
  if (slo.groupBy !== undefined) return groupedMonths(slo, range, prometheus, maintenance);
  const sel = selector(slo.indicator.selector);
  const bad = str(BUDGET_BURNING_OUTCOMES.join('|'));
  const [total, failed] = await Promise.all([
    prometheus.queryRange(`sum(${METRICS.calls}{${sel}})`, range.start, range.end, STEP),
    prometheus.queryRange(`sum(${METRICS.calls}{${sel},outcome=~${bad}})`, range.start, range.end, STEP),
  ]);
  return [monthFigures(slo, increases(total[0], range.start), increases(failed[0], range.start), range, maintenance)];
}
