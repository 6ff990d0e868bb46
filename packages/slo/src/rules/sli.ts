import { COUNT_WINDOWS, JUDGE_WINDOWS, MIN_FAILED_CALLS, SLI_WINDOWS } from '@hartslag/metrics/contract';
import type { Slo } from '../model/Slo.js';
import { SERIES } from './names.js';
import { atLeast, callCount, errorRatio, failedCount, sloLabels, sloSelector } from './promql.js';
import type { RecordingRule, RuleGroup } from './RuleFile.js';

/**
 * Calls and failed calls counted over every window, the error ratio over each alert window, and
 * the ratio of the latest calls; the ratio over the SLO period in a slower group.
 */
export function sliGroups(slo: Slo): RuleGroup[] {
  const labels = sloLabels(slo);
  const sel = sloSelector(slo);
  const calls = (w: number) => `${SERIES.calls(w)}${sel}`;
  const failed = (w: number) => `${SERIES.failedCalls(w)}${sel}`;
  const rules: RecordingRule[] = [
    ...COUNT_WINDOWS.flatMap((w) => [
      { record: SERIES.calls(w), expr: callCount(slo.indicator, w), labels },
      { record: SERIES.failedCalls(w), expr: failedCount(slo.indicator, w), labels },
    ]),
    // No calls in the window: no value, never NaN.
    ...SLI_WINDOWS.map((w) => ({ record: SERIES.errorRatio(w), expr: `${failed(w)} / (${calls(w)} > 0)`, labels })),
    {
      // The ratio of the latest calls: over the shortest window that holds any, up to hours back
      // on a quiet night. No value when even the longest holds none.
      record: SERIES.recentErrorRatio,
      expr: JUDGE_WINDOWS.map((w) => `(${failed(w)} / (${calls(w)} ${atLeast(1)}))`).join(' or '),
      labels,
    },
    {
      // 0 when even the longest window holds too few calls to judge: dashboards and the status
      // page say so instead of "operational".
      record: SERIES.judgeable,
      expr: `${calls(JUDGE_WINDOWS.at(-1)!)} ${atLeast(MIN_FAILED_CALLS, true)}`,
      labels,
    },
  ];
  const groups: RuleGroup[] = [{ name: `hartslag-slo-${slo.name}-sli`, rules }];
  // A period that is also an alert window (a calendar day, 3 days) already has its ratio above.
  if (SLI_WINDOWS.includes(slo.window)) return groups;
  return [
    ...groups,
    {
      // A rate over 30 days reads a month of samples: every 5 minutes is often enough for a
      // figure that moves that slowly.
      name: `hartslag-slo-${slo.name}-sli-period`,
      interval: '5m',
      rules: [{ record: SERIES.errorRatio(slo.window), expr: errorRatio(slo.indicator, slo.window), labels }],
    },
  ];
}
