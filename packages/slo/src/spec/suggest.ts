import { closest, type EditBudget } from '@hartslag/common';

/** At most two edits, and fewer than the shorter name has letters (two edits turn any two-letter name into any other). */
const SPEC_BUDGET: EditBudget = (name, known) => Math.min(2, Math.min(name.length, known.length) - 1);

/**
 * The known name a misspelt one most likely meant: the same but for case, or at most two edits
 * away (a transposition counts as one: `sevrice` → `service`); undefined when none is that close.
 */
export function suggest(name: string, known: readonly string[]): string | undefined {
  return closest(name, known, SPEC_BUDGET);
}
