import type { AggregateReader } from '../aggregate/AggregateReader.js';
import type { SloFreshness } from './SloObjective.js';

/**
 * All messages one pipeline stage handled so far, and those older than `within` when it did: the
 * rules' total (`_count`) and total minus good (the `le` bucket at the threshold). A stage not
 * yet created has handled none, as an absent series counts zero events.
 */
export function messageTotals(aggregate: AggregateReader, f: SloFreshness): { total: number; bad: number } {
  const age = aggregate.family('messageAge');
  const h = age.histogram;
  if (h === undefined) return { total: 0, bad: 0 };
  // Validated against DEFAULT_AGE_BUCKETS, the bounds every stage's age histogram has.
  const bucket = h.bounds.indexOf(f.within);
  const width = h.bounds.length + 1;
  for (let i = 0; i < age.size; i++) {
    if (age.label(i, 0) !== f.pipeline || age.label(i, 1) !== f.stage) continue;
    const total = age.values[i]!;
    let good = 0;
    for (let b = 0; b <= bucket; b++) good += h.counts[i * width + b]!;
    return { total, bad: total - good };
  }
  return { total: 0, bad: 0 };
}
