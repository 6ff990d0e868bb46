import { SLO_GROUP_FAMILIES } from '@hartslag/metrics/contract';
import type { SloFigures } from '../state/State.js';

/**
 * The SLOs of one reading, each created blank on first mention: sources fill figures series by
 * series, and an SLO known from any series must appear even if other series lack it.
 */
export function figuresBySlo(): { slos: Map<string, SloFigures>; entry: (slo: string) => SloFigures } {
  const slos = new Map<string, SloFigures>();
  const entry = (slo: string): SloFigures => {
    let f = slos.get(slo);
    if (f === undefined) {
      f = { slo, budgetRemaining: undefined, errorRatio5m: undefined, outage: undefined, silent: false, firing: [] };
      slos.set(slo, f);
    }
    return f;
  };
  return { slos, entry };
}

/** The group of a grouped SLO's sample: its value of the contract's group label (vendor, tenant). */
export function groupOf(labels: Record<string, string | undefined>): string | undefined {
  for (const label of Object.keys(SLO_GROUP_FAMILIES)) {
    const v = labels[label];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}
