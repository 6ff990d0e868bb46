import { BUDGET_BURNING_OUTCOMES, OTHER } from '@hartslag/metrics/contract';
import { groupFamily } from '../model/groups.js';
import type { Slo } from '../model/Slo.js';
import { selector, str } from '../rules/promql.js';
import { increases, monthFigures, type SloMonth, STEP, sum } from './figures.js';
import type { MaintenanceWindow } from './maintenance.js';
import type { MonthRange } from './month.js';
import type { PrometheusClient } from './PrometheusClient.js';

/**
 * A grouped SLO's month, one row per group as its rules judge it: the top N groups by calls in
 * the month, then `__other__` for the rest and whatever the metrics library folded into it.
 * Counted from the group's family (care_vendor_calls_total, care_tenant_calls_total).
 */
export async function groupedMonths(
  slo: Slo,
  range: MonthRange,
  prometheus: PrometheusClient,
  maintenance: readonly MaintenanceWindow[] | undefined,
): Promise<SloMonth[]> {
  const g = slo.groupBy!;
  const family = groupFamily(g.label);
  const sel = selector({ service: slo.service });
  const bad = str(BUDGET_BURNING_OUTCOMES.join('|'));
  const [total, failed] = await Promise.all([
    prometheus.queryRange(`sum by (${g.label}) (${family}{${sel}})`, range.start, range.end, STEP),
    prometheus.queryRange(`sum by (${g.label}) (${family}{${sel},outcome=~${bad}})`, range.start, range.end, STEP),
  ]);
  const byGroup = (series: typeof total) =>
    new Map(series.map((s) => [s.metric[g.label] ?? '', increases(s, range.start)] as const));
  const totals = byGroup(total);
  const faileds = byGroup(failed);
  const ranked = [...totals.keys()]
    .filter((v) => v !== OTHER)
    .sort((a, b) => sum(totals.get(b)!) - sum(totals.get(a)!) || a.localeCompare(b));
  const top = ranked.slice(0, g.top);
  const rest = [...totals.keys()].filter((v) => !top.includes(v));
  const rows = top.map((v) =>
    monthFigures(slo, totals.get(v)!, faileds.get(v) ?? new Map(), range, maintenance, { [g.label]: v }),
  );
  if (rest.length === 0) return rows;
  const merged = (maps: Map<string, Map<number, number>>) => {
    const out = new Map<number, number>();
    for (const v of rest) for (const [t, n] of maps.get(v) ?? []) out.set(t, (out.get(t) ?? 0) + n);
    return out;
  };
  return [...rows, monthFigures(slo, merged(totals), merged(faileds), range, maintenance, { [g.label]: OTHER })];
}
