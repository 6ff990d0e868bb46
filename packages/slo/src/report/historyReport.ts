import type { SloHistoryKey, SloHistoryStore } from '@hartslag/metrics';
import { OTHER } from '@hartslag/metrics/contract';
import { ReportError } from '../errors.js';
import { judgedInProcess } from '../model/objectives.js';
import type { SloSpec } from '../model/Slo.js';
import { monthFigures, type SloMonth } from './figures.js';
import type { MaintenanceWindow } from './maintenance.js';
import type { MonthRange } from './month.js';
import type { MonthlyReport } from './monthlyReport.js';

/** The part of the in-process evaluator's history store (@hartslag/metrics) a report reads. */
export type MinuteHistory = Pick<SloHistoryStore, 'load' | 'buckets' | 'groups'>;

const MINUTE = 60;

/**
 * The month's figures per SLO from the in-process evaluator's durable history (its minute
 * buckets, kept for 400 days in SQLite or PostgreSQL) instead of Prometheus: for a service that
 * runs the evaluator without a Prometheus, or whose Prometheus keeps 15 days. The evaluator
 * counts calls at each 30-second tick, so a minute's count may hold calls of the previous
 * minute's last seconds: the month's totals are exact to within one tick at each end.
 * A grouped SLO gets a row per group its history holds (the top N it judged on their own, then
 * `__other__`). Only the SLOs the evaluator judges have a history; others are refused by name.
 */
export function monthlyReportFromHistory(
  spec: SloSpec,
  range: MonthRange,
  history: MinuteHistory,
  maintenance?: readonly MaintenanceWindow[],
): MonthlyReport {
  const unjudged = spec.slos.filter((s) => !judgedInProcess(s)).map((s) => s.name);
  if (unjudged.length > 0) {
    throw new ReportError(
      `SLOs ${unjudged.join(', ')} are judged by the generated rules only (custom queries, calendar periods, ` +
        'or time slices), so the evaluator keeps no history of them: report them from Prometheus ' +
        '(--prometheus), or leave them out of the spec given to the report',
    );
  }
  const first = Math.floor(range.start / MINUTE);
  const end = Math.floor(range.end / MINUTE);
  /** One series' calls and failed calls per minute of the month, keyed by the minute's end. */
  const minutes = (key: SloHistoryKey) => {
    const totals = new Map<number, number>();
    const faileds = new Map<number, number>();
    for (const b of history.buckets(key, 'minute', first)) {
      if (b.slot >= end) break;
      // A slot counts the minute it starts; the report keys a minute by its end, as Prometheus' steps do.
      const t = (b.slot + 1) * MINUTE;
      if (b.total > 0) totals.set(t, b.total);
      if (b.bad > 0) faileds.set(t, b.bad);
    }
    return [totals, faileds] as const;
  };
  const slos = spec.slos.flatMap((slo) => {
    const key = { service: slo.service, slo: slo.name, operation: slo.operation ?? '', group: '' };
    if (history.load(key) === undefined) {
      throw new ReportError(
        `the history holds nothing of SLO ${slo.name} (service ${slo.service}): give the file the service's ` +
          'evaluator writes (its history option), and the spec it judges',
      );
    }
    if (slo.groupBy === undefined) return [monthFigures(slo, ...minutes(key), range, maintenance)];
    if (history.groups === undefined) {
      throw new ReportError(`this history store cannot list the groups of SLO ${slo.name}: report it from Prometheus`);
    }
    const label = slo.groupBy.label;
    // One row per group the evaluator judged on its own, busiest first, then __other__, as the rules' report orders them.
    const rows = history
      .groups(key)
      .map((group) => monthFigures(slo, ...minutes({ ...key, group }), range, maintenance, { [label]: group }));
    const other = (r: SloMonth) => r.group?.[label] === OTHER;
    return rows.sort((a, b) => Number(other(a)) - Number(other(b)) || b.calls - a.calls);
  });
  return {
    month: range.month,
    timeZone: range.timeZone,
    from: new Date(range.start * 1000).toISOString(),
    to: new Date(range.end * 1000).toISOString(),
    slos,
  };
}
