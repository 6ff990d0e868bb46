import type { AggregateReader } from '../aggregate/AggregateReader.js';
import { SLO_GROUP_FAMILIES, type SloGroupLabel } from '../contract/groups.js';
import { LABELS } from '../contract/names.js';
import { BUDGET_BURNING_OUTCOMES } from '../contract/outcomes.js';

const BURNING: ReadonlySet<string> = new Set(BUDGET_BURNING_OUTCOMES);

/** Calls so far of one group: all, and those that burn the budget. */
export interface GroupCalls {
  total: number;
  bad: number;
}

/**
 * All calls and budget-burning calls counted so far per value of `label`, from the family that
 * carries it (care_vendor_calls_total, care_tenant_calls_total), as the rules' `sum by (vendor)`
 * reads them. The library already folds values beyond its cap into `__other__`.
 */
export function groupTotals(aggregate: AggregateReader, label: SloGroupLabel): Map<string, GroupCalls> {
  const calls = aggregate.family(SLO_GROUP_FAMILIES[label]);
  const g = calls.labelNames.indexOf(LABELS[label]);
  const outcome = calls.labelNames.indexOf(LABELS.outcome);
  const out = new Map<string, GroupCalls>();
  for (let i = 0; i < calls.size; i++) {
    const group = calls.label(i, g);
    let c = out.get(group);
    if (c === undefined) out.set(group, (c = { total: 0, bad: 0 }));
    const value = calls.values[i]!;
    c.total += value;
    if (BURNING.has(calls.label(i, outcome))) c.bad += value;
  }
  return out;
}
