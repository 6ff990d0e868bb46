import {
  COUNT_WINDOWS,
  COVERAGE_STEP,
  JUDGE_WINDOWS,
  MIN_FAILED_CALLS,
  minDataSeconds,
  PERIOD_STEP,
  SLI_WINDOWS,
} from '@hartslag/metrics/contract';
import { formatDuration } from '../model/duration.js';
import type { Slo } from '../model/Slo.js';
import { tiersOf } from '../model/tiers.js';
import { groupName, SERIES } from './names.js';
import {
  atLeast,
  atStep,
  callCount,
  coverageOf,
  failedCount,
  periodErrorRatio,
  sloLabels,
  sloSelector,
  stepCount,
  totalRate,
} from './promql.js';
import type { RecordingRule, RuleGroup } from './RuleFile.js';

/** Windows whose coverage is recorded: each ticket tier's long window (its alert reads it) and the SLO period. */
export function coverageWindows(slo: Slo): number[] {
  const tickets = tiersOf(slo)
    .filter((t) => minDataSeconds(t) > 0)
    .map((t) => t.long);
  return [...new Set([...tickets, slo.window])].sort((a, b) => a - b);
}

/**
 * Calls and failed calls counted over every window, the error ratio over each alert window, and
 * the ratio of the latest calls; the ratio over the SLO period in a slower group.
 */
export function sliGroups(slo: Slo): RuleGroup[] {
  const labels = sloLabels(slo);
  const sel = sloSelector(slo);
  const calls = (w: number) => `${SERIES.calls(w)}${sel}`;
  const failed = (w: number) => `${SERIES.failedCalls(w)}${sel}`;
  const step = `${SERIES.stepCalls}${sel}`;
  // Windows of the SLO's own tiers are recorded beside the built-in ones.
  const tierWindows = tiersOf(slo).flatMap((t) => [t.short, t.long]);
  const countWindows = [...new Set([...COUNT_WINDOWS, ...tierWindows])].sort((a, b) => a - b);
  // The SLO period's ratio is the period group's (a 1-day SLO must not record ratio_rate1d twice).
  const ratioWindows = [...new Set([...SLI_WINDOWS, ...tierWindows])]
    .filter((w) => w !== slo.window)
    .sort((a, b) => a - b);
  const rules: RecordingRule[] = [
    ...countWindows.flatMap((w) => [
      { record: SERIES.calls(w), expr: callCount(slo.indicator, w), labels },
      { record: SERIES.failedCalls(w), expr: failedCount(slo.indicator, w), labels },
    ]),
    // No calls in the window: no value, never NaN.
    ...ratioWindows.map((w) => ({ record: SERIES.errorRatio(w), expr: `${failed(w)} / (${calls(w)} > 0)`, labels })),
    {
      // The ratio of the latest calls: over the shortest window that holds any, up to hours back
      // on a quiet night. No value when even the longest holds none.
      record: SERIES.recentErrorRatio,
      expr: JUDGE_WINDOWS.map((w) => `(${failed(w)} / (${calls(w)} ${atLeast(1)}))`).join(' or '),
      labels,
    },
    {
      // Counters exist and were scraped: there is data, whether or not calls came.
      record: SERIES.observed,
      expr: `${totalRate(slo.indicator, COVERAGE_STEP)} * 0 + 1`,
      labels,
    },
    {
      // 0 when even the longest window holds too few calls to judge (or fewer than the SLO's minimum traffic): dashboards and the status
      // page say so instead of "operational".
      record: SERIES.judgeable,
      expr: `${calls(JUDGE_WINDOWS.at(-1)!)} ${atLeast(Math.max(MIN_FAILED_CALLS, slo.minCalls ?? 0), true)}`,
      labels,
    },
  ];
  const groups: RuleGroup[] = [{ name: groupName(slo, 'sli'), rules }];
  // A period that is also an alert window (a calendar day, 3 days) already has its ratio above.
  if (SLI_WINDOWS.includes(slo.window)) return groups;
  return [
    ...groups,
    {
      // The period's calls are counted in 5-minute steps and summed: a month of steps is 8,640
      // recorded samples, where a rate over 30 days reads every raw sample of the month. The
      // failed calls' step reads the calls' step of this instant, and the ratio both: in this order.
      name: groupName(slo, 'sli-period'),
      interval: formatDuration(PERIOD_STEP),
      rules: [
        {
          record: SERIES.stepCalls,
          expr: stepCount(slo.indicator, step, false),
          labels,
        },
        {
          record: SERIES.stepFailedCalls,
          expr: stepCount(slo.indicator, step, true),
          labels,
        },
        { record: SERIES.stepObserved, expr: atStep(`${SERIES.observed}${sel}`, step), labels },
        { record: SERIES.errorRatio(slo.window), expr: periodErrorRatio(slo.indicator, sel, slo.window), labels },
        // How much of each ticket window and of the SLO period holds data, counted in the same
        // steps, so the share reads the same whatever the evaluation interval.
        ...coverageWindows(slo).map((w) => ({
          record: SERIES.coverage(w),
          expr: coverageOf(`${SERIES.stepObserved}${sel}`, w),
          labels,
        })),
      ],
    },
  ];
}
