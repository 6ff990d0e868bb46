import { BUDGET_BURNING_OUTCOMES, OUTCOME_COUNT, outcomeIndex } from '../contract/outcomes.js';
import type { CareMetrics } from '../record/CareMetrics.js';

const BURNING = new Uint8Array(OUTCOME_COUNT);
for (const o of BUDGET_BURNING_OUTCOMES) BURNING[outcomeIndex(o)] = 1;

/**
 * All calls and budget-burning calls counted so far: of one operation (its exported name, as
 * the rules select `operation="…"`), or of every operation when `operation` is undefined.
 */
export function callTotals(metrics: CareMetrics, operation: string | undefined): { total: number; bad: number } {
  let total = 0;
  let bad = 0;
  for (const slot of metrics.calls.slots) {
    if (operation !== undefined && slot.name !== operation) continue;
    for (const s of slot.series) {
      total += s.value;
      if (BURNING[s.outcome] === 1) bad += s.value;
    }
  }
  return { total, bad };
}
