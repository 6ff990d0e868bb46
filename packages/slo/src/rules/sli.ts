import { SLI_WINDOWS } from '@hartslag/metrics/contract';
import type { Slo } from '../model/Slo.js';
import { SERIES } from './names.js';
import { errorRatio, sloLabels } from './promql.js';
import type { RuleGroup } from './RuleFile.js';

/** Error ratio over every alert window, and over the SLO period in a slower group. */
export function sliGroups(slo: Slo): RuleGroup[] {
  const labels = sloLabels(slo);
  return [
    {
      name: `hartslag-slo-${slo.name}-sli`,
      rules: SLI_WINDOWS.map((w) => ({ record: SERIES.errorRatio(w), expr: errorRatio(slo.indicator, w), labels })),
    },
    {
      // A rate over 30 days reads a month of samples: every 5 minutes is often enough for a
      // figure that moves that slowly.
      name: `hartslag-slo-${slo.name}-sli-period`,
      interval: '5m',
      rules: [{ record: SERIES.errorRatio(slo.window), expr: errorRatio(slo.indicator, slo.window), labels }],
    },
  ];
}
