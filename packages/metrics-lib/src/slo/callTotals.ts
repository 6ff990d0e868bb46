import type { AggregateReader } from '../aggregate/AggregateReader.js';
import { LABELS } from '../contract/names.js';
import { BUDGET_BURNING_OUTCOMES } from '../contract/outcomes.js';

const BURNING: ReadonlySet<string> = new Set(BUDGET_BURNING_OUTCOMES);

/**
 * All calls and budget-burning calls counted so far: of one operation (its exported name, as
 * the rules select `operation="…"`), or of every operation when `operation` is undefined.
 */
export function callTotals(aggregate: AggregateReader, operation: string | undefined): { total: number; bad: number } {
  const calls = aggregate.family('calls');
  const op = calls.labelNames.indexOf(LABELS.operation);
  const outcome = calls.labelNames.indexOf(LABELS.outcome);
  let total = 0;
  let bad = 0;
  for (let i = 0; i < calls.size; i++) {
    if (operation !== undefined && calls.label(i, op) !== operation) continue;
    const value = calls.values[i]!;
    total += value;
    if (BURNING.has(calls.label(i, outcome))) bad += value;
  }
  return { total, bad };
}
