import { SLO_SERIES } from '@hartslag/metrics/contract';
import { type MonthlyReport, monthlyReport, monthRange, PrometheusClient } from '@hartslag/slo';
import type { Component } from '../config/Component.js';
import type { InstantQuery } from '../source/InstantQuery.js';
import type { StatusStore } from '../store/StatusStore.js';
import { declaredWindows } from './maintenanceWindows.js';
import { slosOnRecord } from './sloCatalogue.js';

/** The month's SLA figures as the status API serves them: @hartslag/slo's report, with the page's view of it. */
export interface StatusMonthlyReport extends MonthlyReport {
  /** The page's components and the SLOs each is judged by: the rows of `slos` they group. */
  components: { id: string; name: string; slos: string[] }[];
  /** The declared maintenance whose minutes were left out of the figures of the SLOs it lists. */
  maintenance: { id: number; from: string; to: string; components: string[]; slos: string[] }[];
}

export interface MonthlyReportSource {
  url: string;
  instant: InstantQuery;
  timeoutMs: number;
}

/**
 * A calendar month of every component's SLOs, counted from Prometheus (query_range over the raw
 * counters, as `hartslag slo report` does) with the maintenance this service has on record left
 * out. Undefined when `month` is not YYYY-MM.
 */
export async function monthlyStatusReport(
  request: { month: string; timeZone: string; components: readonly Component[] },
  prometheus: MonthlyReportSource,
  store: StatusStore,
): Promise<StatusMonthlyReport | undefined> {
  const range = monthRange(request.month, request.timeZone);
  if (range === undefined) return undefined;
  const slosOf = new Map(request.components.map((c) => [c.id, c.slos]));
  const wanted = [...new Set(request.components.flatMap((c) => c.slos))];
  const [slos, windows] = await Promise.all([
    slosOnRecord(prometheus, wanted, Math.min(Date.now(), range.end * 1000), range.end - range.start),
    declaredWindows(store, slosOf, range.start * 1000, range.end * 1000),
  ]);
  const report = await monthlyReport(
    { file: SLO_SERIES.objective, slos },
    range,
    new PrometheusClient(prometheus.url),
    windows.map((w) => ({ from: w.startsAt / 1000, to: w.endsAt / 1000, slos: w.slos })),
  );
  return {
    ...report,
    components: request.components.map((c) => ({ id: c.id, name: c.name, slos: [...c.slos] })),
    maintenance: windows.map((w) => ({
      id: w.id,
      from: new Date(w.startsAt).toISOString(),
      to: new Date(w.endsAt).toISOString(),
      components: w.components,
      slos: w.slos,
    })),
  };
}
