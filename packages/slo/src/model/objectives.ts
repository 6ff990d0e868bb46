import type { AlertWindow } from '@hartslag/metrics/contract';
import type { GroupLabel } from './groups.js';
import type { Slo, SloSpec } from './Slo.js';

/** What the in-process evaluator of @hartslag/metrics needs of an SLO (seconds throughout). */
export interface EvaluatorObjective {
  name: string;
  operation?: string;
  freshness?: { pipeline: string; stage: string; within: number };
  objective: number;
  window: number;
  maxOutage?: { limit: number; warnAfter: number; errorRatio: number };
  silence?: { detectWithin: number; baselineWeeks: number; minExpectedRate: number; ratio: number };
  labels?: Record<string, string>;
  alertWindows?: readonly AlertWindow[];
  minCalls?: number;
  /** A grouped SLO's grouping (`hartslag.dev/by`, `by-top`): judged per group, as the rules judge it. */
  groupBy?: { label: GroupLabel; top: number };
}

/**
 * The SLOs of one service that the in-process evaluator can judge: those on the care_* metrics or
 * on a pipeline stage's message ages (freshness; other custom PromQL indicators need Prometheus)
 * budgeted as events over a rolling window (calendar periods and time slices are judged by the
 * rules only, so that the two never disagree). A grouped SLO is judged per group, the top N and
 * `__other__` ranked as the rules rank them.
 */
export function evaluatorObjectives(spec: SloSpec, service: string): EvaluatorObjective[] {
  return spec.slos.filter((s) => s.service === service && judgedInProcess(s)).map(toObjective);
}

/** Whether the in-process evaluator judges an SLO (and so keeps its history): care calls (per group if grouped) or message ages over a rolling window. */
export function judgedInProcess(slo: Slo): boolean {
  return (
    (slo.indicator.kind === 'care' || isFreshness(slo)) && slo.calendar === undefined && slo.timeslices === undefined
  );
}

function isFreshness(slo: Slo): boolean {
  return slo.indicator.kind === 'ratio' && slo.indicator.freshness !== undefined;
}

function toObjective(slo: Slo): EvaluatorObjective {
  const fresh = slo.indicator.kind === 'ratio' ? slo.indicator.freshness : undefined;
  return {
    name: slo.name,
    ...(slo.operation ? { operation: slo.operation } : {}),
    ...(fresh ? { freshness: { ...fresh } } : {}),
    objective: slo.objective,
    window: slo.window,
    ...(slo.maxOutage ? { maxOutage: { ...slo.maxOutage } } : {}),
    ...(slo.silence ? { silence: { ...slo.silence } } : {}),
    ...(Object.keys(slo.labels).length > 0 ? { labels: { ...slo.labels } } : {}),
    ...(slo.tiers ? { alertWindows: slo.tiers.map((t) => ({ ...t })) } : {}),
    ...(slo.minCalls !== undefined ? { minCalls: slo.minCalls } : {}),
    ...(slo.groupBy ? { groupBy: { ...slo.groupBy } } : {}),
  };
}
