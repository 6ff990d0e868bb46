import { num } from './alertRule.js';
import type { SloObjective } from './SloObjective.js';
import type { SloStatus } from './SloStatus.js';

/** An SLO's status from one evaluation's figures; burn rates as the rules divide them, by the budget they print. */
export function buildStatus(
  o: SloObjective,
  service: string,
  evaluatedAt: number | undefined,
  errorRatios: Record<string, number | undefined>,
  current: number | undefined,
  period: number | undefined,
  rest: Pick<SloStatus, 'outage' | 'silence' | 'alerts' | 'callRate' | 'judgement' | 'coverage'>,
): SloStatus {
  const budget = num(1 - o.objective);
  const periodBurn = period === undefined ? undefined : period / budget;
  return {
    name: o.name,
    service,
    ...(o.operation === undefined ? {} : { operation: o.operation }),
    ...(o.freshness === undefined ? {} : { freshness: { ...o.freshness } }),
    objective: o.objective,
    window: o.window,
    evaluatedAt,
    errorRatios,
    burnRates: { current: current === undefined ? undefined : current / budget, period: periodBurn },
    budgetRemaining: periodBurn === undefined ? undefined : 1 - periodBurn,
    ...(rest.outage === undefined ? {} : { outage: rest.outage }),
    ...(rest.silence === undefined ? {} : { silence: rest.silence }),
    ...(rest.callRate === undefined ? {} : { callRate: rest.callRate }),
    ...(rest.judgement === undefined ? {} : { judgement: rest.judgement }),
    ...(rest.coverage === undefined ? {} : { coverage: rest.coverage }),
    alerts: rest.alerts,
  };
}
