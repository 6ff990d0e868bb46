import { BASELINE_WINDOW, JUDGE_WINDOWS, MIN_FAILED_CALLS, NOW_INTERVAL, NOW_WINDOW } from '@hartslag/metrics/contract';
import { formatDuration } from '../model/duration.js';
import type { Slo } from '../model/Slo.js';
import { groupName, SERIES } from './names.js';
import { atLeast, num, sloLabels, sloSelector, totalRate } from './promql.js';
import type { RecordingRule, RuleGroup } from './RuleFile.js';

/**
 * What is happening right now: whether an outage is on and how long it has lasted (the
 * coffee-break rule), and the call rate against the same time of week in earlier weeks (silence).
 */
export function nowGroup(slo: Slo): RuleGroup | undefined {
  const rules = [...outageRules(slo), ...silenceRules(slo)];
  if (rules.length === 0) return undefined;
  return { name: groupName(slo, 'now'), interval: formatDuration(NOW_INTERVAL), rules };
}

function outageRules(slo: Slo): RecordingRule[] {
  const o = slo.maxOutage;
  if (o === undefined) return [];
  const labels = sloLabels(slo);
  const sel = sloSelector(slo);
  // Look back far enough to see the minute the outage started; a longer one reads as this long.
  const cap = Math.max(3600, 3 * o.limit);
  const lookback = formatDuration(cap);
  const ratio = num(o.errorRatio);
  // Some window holds at least k failed calls, and at least `errorRatio` of its calls failed.
  // Below the SLO's minimum traffic a window confirms nothing: one failed call on a quiet Sunday is no outage.
  const traffic = (w: number) =>
    slo.minCalls !== undefined && slo.minCalls > MIN_FAILED_CALLS
      ? ` and ${SERIES.calls(w)}${sel} ${atLeast(slo.minCalls)}`
      : '';
  const confirmed = JUDGE_WINDOWS.map(
    (w) =>
      `(${SERIES.failedCalls(w)}${sel} ${atLeast(MIN_FAILED_CALLS)} and ${SERIES.failedCalls(w)}${sel} >= ${ratio} * ${SERIES.calls(w)}${sel}${traffic(w)})`,
  );
  return [
    { record: SERIES.outageLimit, expr: `vector(${o.limit})`, labels },
    {
      // 1 while at least `errorRatio` of the latest calls failed (over the last minute, or the
      // shortest window that holds a call on a quiet night); 0 once calls succeed again, and
      // when there were none for hours (silence is a separate question).
      record: SERIES.outageFailing,
      expr: `(${SERIES.recentErrorRatio}${sel} >= bool ${ratio}) or on() vector(0)`,
      labels,
    },
    {
      // An outage once enough calls failed to judge (this evaluation), and for as long as the
      // latest calls keep failing (the previous one, read back from this series): a window
      // that has lost the oldest failed calls of a slow night does not end it.
      record: SERIES.outageActive,
      expr: `(${SERIES.outageFailing}${sel} == 1 and (${[...confirmed, `${SERIES.outageActive}${sel} == 1`].join(' or ')})) or on() vector(0)`,
      labels,
    },
    {
      // Seconds since the last evaluation at which the latest calls did not fail: on a quiet
      // night the outage is dated from its first failed call, not from when enough had failed.
      record: SERIES.outageSeconds,
      expr:
        `(${SERIES.outageActive}${sel} * (time() - max_over_time(timestamp(${SERIES.outageFailing}${sel} == 0)[${lookback}:${formatDuration(NOW_INTERVAL)}])))` +
        ` or (${SERIES.outageActive}${sel} * ${cap})`,
      labels,
    },
  ];
}

function silenceRules(slo: Slo): RecordingRule[] {
  const s = slo.silence;
  if (s === undefined) return [];
  const labels = sloLabels(slo);
  const weeks = Array.from({ length: s.baselineWeeks }, (_, i) => i + 1);
  // The same ten minutes in each earlier week; their median ignores one odd week (a holiday, an
  // outage) where a mean would not.
  const past = weeks.map(
    (n) => `label_replace(${totalRate(slo.indicator, BASELINE_WINDOW, n * 604_800)}, "weeks_ago", "${n}", "", "")`,
  );
  return [
    { record: SERIES.trafficRate, expr: `${totalRate(slo.indicator, NOW_WINDOW)} or vector(0)`, labels },
    { record: SERIES.trafficBaseline, expr: `quantile(0.5, ${past.join(' or ')})`, labels },
  ];
}
