import { CURRENT_BURN_WINDOW } from '@hartslag/metrics/contract';
import type { Slo } from '../model/Slo.js';
import { groupName, PERIOD_SERIES, SERIES } from './names.js';
import { num, sloLabels, sloSelector } from './promql.js';
import type { RuleGroup } from './RuleFile.js';

/** Objective, budget, burn rates and budget left, as series dashboards and the status API read. */
export function metaGroup(slo: Slo): RuleGroup {
  const labels = sloLabels(slo);
  const budget = num(1 - slo.objective);
  const sel = sloSelector(slo);
  return {
    name: groupName(slo, 'meta'),
    rules: [
      { record: SERIES.objective, expr: `vector(${num(slo.objective)})`, labels },
      { record: SERIES.errorBudget, expr: `vector(${budget})`, labels },
      { record: SERIES.periodDays, expr: `vector(${num(slo.window / 86_400)})`, labels },
      { record: SERIES.currentBurnRate, expr: `${SERIES.errorRatio(CURRENT_BURN_WINDOW)}${sel} / ${budget}`, labels },
      { record: SERIES.periodBurnRate, expr: `${periodErrorRatio(slo)}${sel} / ${budget}`, labels },
      { record: SERIES.budgetRemaining, expr: `1 - ${SERIES.periodBurnRate}${sel}`, labels },
    ],
  };
}

/** The period's error ratio: over the rolling window, or as rules/calendar.ts records it for calendar and Timeslices budgets. */
function periodErrorRatio(slo: Slo): string {
  return slo.calendar || slo.timeslices ? PERIOD_SERIES.periodErrorRatio : SERIES.errorRatio(slo.window);
}
