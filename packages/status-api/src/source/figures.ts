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
