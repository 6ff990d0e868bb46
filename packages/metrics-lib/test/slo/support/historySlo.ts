import type { SloObjective } from '../../../src/slo/SloObjective.js';

export const SERVICE = 'medication-history';
export const OPERATION = 'fetch-medication-history';

/** Budget, coffee break and silence on one SLO: everything a restart could lose. */
export const HISTORY_SLO: SloObjective = {
  name: 'medication-history',
  operation: OPERATION,
  objective: 0.999,
  window: 30 * 86_400,
  maxOutage: { limit: 600, warnAfter: 300, errorRatio: 1 },
  silence: { detectWithin: 180, baselineWeeks: 1, minExpectedRate: 0.1, ratio: 0.25 },
};
