import { Aggregate } from '../../src/aggregate/Aggregate.js';
import type { CareMetrics } from '../../src/record/CareMetrics.js';

/**
 * The tables behind a CareMetrics' read interface, for tests of their bounds (caps, bytes,
 * eviction) and for breaking them on purpose. Exporters never see these: they read FamilySamples.
 */
export function tables(metrics: CareMetrics): Aggregate {
  const a = metrics.aggregate;
  if (!(a instanceof Aggregate)) throw new Error('not the aggregate of a CareMetrics');
  return a;
}
