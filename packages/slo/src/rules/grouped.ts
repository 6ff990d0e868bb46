import {
  BUDGET_BURNING_OUTCOMES,
  COVERAGE_STEP,
  CURRENT_BURN_WINDOW,
  JUDGE_WINDOWS,
  MIN_FAILED_CALLS,
  OTHER,
  PERIOD_CATCH_UP,
  PERIOD_STEP,
  SLO_GROUP_RANK_WINDOW,
  SLO_LABELS,
} from '@hartslag/metrics/contract';
import { formatDuration } from '../model/duration.js';
import { type Grouping, groupFamily } from '../model/groups.js';
import type { Slo } from '../model/Slo.js';
import { tiersOf } from '../model/tiers.js';
import { burnAlerts } from './alerts.js';
import { inhibitGroup } from './inhibit.js';
import { groupName, SERIES } from './names.js';
import {
  atLeast,
  atStep,
  counterSinceLastStep,
  coverageOf,
  num,
  onceAStep,
  periodSum,
  selector,
  sloLabels,
  sloSelector,
  str,
} from './promql.js';
import type { RecordingRule, RuleGroup } from './RuleFile.js';
import { coverageWindows } from './sli.js';

const BAD = BUDGET_BURNING_OUTCOMES.join('|');

/** How far back groups are ranked for their own series (the contract's, which the evaluator ranks by too). */
export const RANK_WINDOW = SLO_GROUP_RANK_WINDOW;
/** A day of samples per group is ranked once a minute: the ranking moves slowly, the cost is per run. */
const RANK_INTERVAL = 60;

/**
 * The rules of a grouped SLO (`hartslag.dev/by`): every `slo:` series of an ungrouped SLO that the
 * budget and its burn-rate alerts need, with one more label, the group's. Groups are the top N by
 * calls over the last day (`slo:group_top:bool`) and `__other__`, which holds every other group
 * and whatever the metrics library already folded into `__other__`: the series per SLO stay
 * bounded (N + 1 groups) whatever the number of vendors or tenants.
 */
export function groupedGroups(slo: Slo): RuleGroup[] {
  const g = slo.groupBy!;
  return [
    rankGroup(slo, g),
    countGroup(slo, g),
    periodGroup(slo, g),
    metaGroup(slo),
    { name: groupName(slo, 'alerts'), rules: burnAlerts(slo, g) },
    inhibitGroup(slo, g),
  ];
}

/** The windows counted every 30 s: each tier's, the current burn rate's, coverage's step, and "judgeable"'s. */
function countWindows(slo: Slo): number[] {
  const tiers = tiersOf(slo).flatMap((t) => [t.short, t.long]);
  const all = [...tiers, CURRENT_BURN_WINDOW, COVERAGE_STEP, JUDGE_WINDOWS.at(-1)!];
  return [...new Set(all)].sort((a, b) => a - b);
}

function rankGroup(slo: Slo, g: Grouping): RuleGroup {
  const family = groupFamily(g.label);
  const sel = selector({ service: slo.service });
  return {
    name: groupName(slo, 'groups'),
    interval: formatDuration(RANK_INTERVAL),
    rules: [
      {
        record: SERIES.groupTop,
        // The library's own overflow is never a group of its own: it is part of __other__.
        expr: `label_replace(topk(${g.top}, sum by (${g.label}) (increase(${family}{${sel},${g.label}!=${str(OTHER)}}[${formatDuration(RANK_WINDOW)}]))), ${str(SLO_LABELS.group)}, "$1", ${str(g.label)}, "(.*)") * 0 + 1`,
        labels: sloLabels(slo),
      },
    ],
  };
}

/**
 * `inner` (an increase per series of the family) summed per group: the top groups by their own
 * label, all others as one series labelled `__other__` (absent when there are none).
 */
function perGroup(slo: Slo, g: Grouping, inner: string): string {
  const top = `${SERIES.groupTop}${sloSelector(slo)}`;
  const L = g.label;
  return (
    `sum by (${L}) (${inner} and on (${L}) ${top})` +
    ` or label_replace(sum(${inner} unless on (${L}) ${top}), ${str(L)}, ${str(OTHER)}, "", "")`
  );
}

/** Each group's calls over `w`, and its budget-spending calls (absent for a group without failed series). */
function windowCounts(slo: Slo, g: Grouping, w: number): { calls: string; failed: string } {
  const family = groupFamily(g.label);
  const sel = selector({ service: slo.service });
  const r = formatDuration(w);
  return {
    calls: perGroup(slo, g, `increase(${family}{${sel}}[${r}])`),
    failed: perGroup(slo, g, `increase(${family}{${sel},outcome=~${str(BAD)}}[${r}])`),
  };
}

/** Calls and failed calls of each group over `w`; a group with calls but no failed series counts 0 failed. */
function counts(slo: Slo, g: Grouping, w: number): RecordingRule[] {
  const labels = sloLabels(slo);
  const { calls, failed } = windowCounts(slo, g, w);
  return [
    { record: SERIES.calls(w), expr: calls, labels },
    {
      record: SERIES.failedCalls(w),
      expr: `(${failed}) or on (${g.label}) (${SERIES.calls(w)}${sloSelector(slo)} * 0)`,
      labels,
    },
  ];
}

/** No calls in the window: no ratio, never NaN. */
function ratio(slo: Slo, w: number): RecordingRule {
  const sel = sloSelector(slo);
  return {
    record: SERIES.errorRatio(w),
    expr: `${SERIES.failedCalls(w)}${sel} / (${SERIES.calls(w)}${sel} > 0)`,
    labels: sloLabels(slo),
  };
}

function countGroup(slo: Slo, g: Grouping): RuleGroup {
  const sel = sloSelector(slo);
  const labels = sloLabels(slo);
  const windows = countWindows(slo);
  return {
    name: groupName(slo, 'sli'),
    rules: [
      ...windows.flatMap((w) => counts(slo, g, w)),
      ...windows.map((w) => ratio(slo, w)),
      // Counters of the group were scraped: it has data, whether or not calls came.
      { record: SERIES.observed, expr: `${SERIES.calls(COVERAGE_STEP)}${sel} * 0 + 1`, labels },
      {
        record: SERIES.judgeable,
        expr: `${SERIES.calls(JUDGE_WINDOWS.at(-1)!)}${sel} ${atLeast(Math.max(MIN_FAILED_CALLS, slo.minCalls ?? 0), true)}`,
        labels,
      },
    ],
  };
}

/**
 * The SLO period's counts and ratio (unless a tier already counts it) and each group's coverage,
 * from 5-minute steps per group (rules/promql.ts counterSinceLastStep): a month of steps per group, not
 * a month of raw samples per vendor series at every evaluation. A group's period holds the steps
 * it was recorded under: a vendor that rose into the top N brings only its calls since then, the
 * rest stayed in `__other__` (the evaluator's groups keep their histories the same way).
 */
function periodGroup(slo: Slo, g: Grouping): RuleGroup {
  const sel = sloSelector(slo);
  const labels = sloLabels(slo);
  const family = groupFamily(g.label);
  const service = selector({ service: slo.service });
  const witness = `${SERIES.stepCalls}${sel}`;
  const count = (outcome: string) =>
    perGroup(slo, g, `(${counterSinceLastStep(`${family}{${service}${outcome}}`, witness)})`);
  const counted = countWindows(slo).includes(slo.window);
  const w = slo.window;
  const L = g.label;
  const stepCalls = periodSum(`${SERIES.stepCalls}${sel}`, w);
  const stepFailed = periodSum(`${SERIES.stepFailedCalls}${sel}`, w);
  const recent = windowCounts(slo, g, PERIOD_CATCH_UP);
  return {
    name: groupName(slo, 'sli-period'),
    interval: formatDuration(PERIOD_STEP),
    rules: [
      { record: SERIES.stepCalls, expr: onceAStep(count(''), witness, false), labels },
      { record: SERIES.stepFailedCalls, expr: onceAStep(count(`,outcome=~${str(BAD)}`), witness, true), labels },
      { record: SERIES.stepObserved, expr: atStep(`${SERIES.observed}${sel}`, witness), labels },
      ...(counted
        ? []
        : [
            // Until a group's steps have counted a call (a new group, a new install), its calls of
            // the catch-up window, which the first counting step will count (promql.ts periodErrorRatio).
            {
              record: SERIES.calls(w),
              expr: `${stepCalls} > 0 or on (${L}) (${recent.calls}) or on (${L}) ${stepCalls}`,
              labels,
            },
            {
              // A group with calls but no failed step counts 0 failed.
              record: SERIES.failedCalls(w),
              expr: `(${stepFailed} and on (${L}) ${stepCalls} > 0) or on (${L}) (${recent.failed}) or on (${L}) (${SERIES.calls(w)}${sel} * 0)`,
              labels,
            },
            ratio(slo, w),
          ]),
      ...coverageWindows(slo).map((cw) => ({
        record: SERIES.coverage(cw),
        expr: coverageOf(`${SERIES.stepObserved}${sel}`, cw),
        labels,
      })),
    ],
  };
}

/** Objective and budget once per SLO; burn rates and budget left once per group. */
function metaGroup(slo: Slo): RuleGroup {
  const labels = sloLabels(slo);
  const budget = num(1 - slo.objective);
  const sel = sloSelector(slo);
  return {
    name: groupName(slo, 'meta'),
    rules: [
      { record: SERIES.objective, expr: `vector(${num(slo.objective)})`, labels },
      { record: SERIES.errorBudget, expr: `vector(${budget})`, labels },
      { record: SERIES.periodDays, expr: `vector(${num(slo.window / 86_400)})`, labels },
      { record: SERIES.currentBurnRate, expr: `${SERIES.errorRatio(CURRENT_BURN_WINDOW)}${sel} / ${budget}`, labels },
      { record: SERIES.periodBurnRate, expr: `${SERIES.errorRatio(slo.window)}${sel} / ${budget}`, labels },
      { record: SERIES.budgetRemaining, expr: `1 - ${SERIES.periodBurnRate}${sel}`, labels },
    ],
  };
}
