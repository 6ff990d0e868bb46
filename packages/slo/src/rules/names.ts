/**
 * Names of the generated series and alerts live in the metric contract, which the status API,
 * the dashboards and the in-process evaluator read too; the rules know them as SERIES.
 */
export { ALERTS, INHIBITORS, PERIOD_SERIES, SLO_SERIES as SERIES } from '@hartslag/metrics/contract';

/** What a rule group of an SLO holds: its name's last part (`hartslag-slo-<slo>-<part>`). */
export type GroupPart =
  | 'sli'
  | 'sli-period'
  | 'meta'
  | 'now'
  | 'alerts'
  | 'inhibit'
  | 'breakdown'
  | 'groups'
  | 'calendar-clock'
  | 'timeslices'
  | 'period';

/** The rule group name of `slo`'s `part`; tests and the bench find a group by it. */
export function groupName(slo: { name: string }, part: GroupPart): string {
  return `hartslag-slo-${slo.name}-${part}`;
}

/** Whether a generated group is an SLO's period group (the 30-day steps, ratio and coverage). */
export function isPeriodGroup(group: { name: string }): boolean {
  return group.name.endsWith(`-${PERIOD_PART}`);
}

const PERIOD_PART: GroupPart = 'sli-period';
