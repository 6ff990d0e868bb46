import { BASELINE_WINDOW, NOW_INTERVAL, NOW_WINDOW } from '@hartslag/metrics/contract';
import { formatDuration } from '../model/duration.js';
import type { Slo } from '../model/Slo.js';
import { SERIES } from './names.js';
import { errorRatio, num, sloLabels, sloSelector, totalRate } from './promql.js';
import type { RecordingRule, RuleGroup } from './RuleFile.js';

/**
 * What is happening right now: whether an outage is on and how long it has lasted (the
 * coffee-break rule), and the call rate against the same time of week in earlier weeks (silence).
 */
export function nowGroup(slo: Slo): RuleGroup | undefined {
  const rules = [...outageRules(slo), ...silenceRules(slo)];
  if (rules.length === 0) return undefined;
  return { name: `hartslag-slo-${slo.name}-now`, interval: formatDuration(NOW_INTERVAL), rules };
}

function outageRules(slo: Slo): RecordingRule[] {
  const o = slo.maxOutage;
  if (o === undefined) return [];
  const labels = sloLabels(slo);
  const sel = sloSelector(slo);
  // Look back far enough to see the minute the outage started; a longer one reads as this long.
  const lookback = formatDuration(Math.max(3600, 3 * o.limit));
  return [
    { record: SERIES.outageLimit, expr: `vector(${o.limit})`, labels },
    {
      // 1 while at least `errorRatio` of the last minute's calls failed; 0 otherwise, also when
      // there were no calls at all (silence is a separate question).
      record: SERIES.outageActive,
      expr: `((${errorRatio(slo.indicator, NOW_WINDOW)}) >= bool ${num(o.errorRatio)}) or vector(0)`,
      labels,
    },
    {
      // Seconds since the last evaluation that saw no outage: the length of the current one.
      record: SERIES.outageSeconds,
      expr:
        `(${SERIES.outageActive}${sel} * (time() - max_over_time(timestamp(${SERIES.outageActive}${sel} == 0)[${lookback}:${formatDuration(NOW_INTERVAL)}])))` +
        ` or (${SERIES.outageActive}${sel} * ${Math.max(3600, 3 * o.limit)})`,
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
