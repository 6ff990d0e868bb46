/**
 * How many edits a candidate may be from the input and still count as a slip rather than another
 * word. The default: none for words under three letters (language codes are one edit from many
 * others; only a case slip counts there), else a third of the input's length, at least one.
 */
export type EditBudget = (input: string, candidate: string) => number;

export const DEFAULT_EDIT_BUDGET: EditBudget = (input) =>
  input.length < 3 ? 0 : Math.max(1, Math.floor(input.length / 3));

/**
 * The candidate a typo most likely meant: the closest by edit distance, ignoring case, within
 * `budget`; of equally close ones the first. Undefined when none is close enough.
 */
export function closest(
  input: string,
  candidates: Iterable<string>,
  budget: EditBudget = DEFAULT_EDIT_BUDGET,
): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase());
    if (d < bestDistance && d <= budget(input, candidate)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean "refresh"?` for a close match, else nothing: to append to a message. */
export function didYouMean(input: string, candidates: Iterable<string>, budget?: EditBudget): string {
  const match = closest(input, candidates, budget);
  return match === undefined ? '' : `; did you mean "${match}"?`;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbours each count as one edit (`sevrice` → `service` is 1).
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
