import type { AggregateReader } from '../aggregate/AggregateReader.js';
import { callTotals } from './callTotals.js';
import { messageTotals } from './messageTotals.js';
import type { SloObjective } from './SloObjective.js';

export type Totals = { total: number; bad: number };

/**
 * The events each SLO judges, as of one tick: calls of its operation, or the messages of its
 * pipeline stage (a freshness SLO). SLOs on the same events share one read of the aggregate.
 */
export function totalsSampler(aggregate: AggregateReader): (o: SloObjective) => Totals {
  const sampled = new Map<string, Totals>();
  return (o) => {
    const f = o.freshness;
    // Pipeline and stage names hold no space (PIPELINE_NAME): the keys cannot collide.
    const key = f === undefined ? `call ${o.operation ?? ''}` : `age ${f.pipeline} ${f.stage} ${f.within}`;
    let totals = sampled.get(key);
    if (totals === undefined) {
      totals = f === undefined ? callTotals(aggregate, o.operation) : messageTotals(aggregate, f);
      sampled.set(key, totals);
    }
    return totals;
  };
}
