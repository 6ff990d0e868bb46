/**
 * How a call ended. The set is closed on purpose: SLO rules, the status API and dashboards
 * match on these exact strings, so a new outcome is a contract change (docs/metrics.md).
 */
export const OUTCOMES = ['success', 'client_error', 'server_error', 'timeout', 'denied'] as const;

export type Outcome = (typeof OUTCOMES)[number];

/**
 * Outcomes that spend the downtime budget: the platform failed a caller who did nothing wrong.
 * `client_error` (bad request) and `denied` (no contract, unauthorized) are the caller's side:
 * counting them would let one misconfigured pharmacy system page the on-call engineer.
 */
export const BUDGET_BURNING_OUTCOMES: readonly Outcome[] = ['server_error', 'timeout'];

export const OUTCOME_COUNT = OUTCOMES.length;

/** Index of an outcome in OUTCOMES, or -1. A switch beats a Map lookup on the hot path. */
export function outcomeIndex(outcome: string): number {
  switch (outcome) {
    case 'success':
      return 0;
    case 'client_error':
      return 1;
    case 'server_error':
      return 2;
    case 'timeout':
      return 3;
    case 'denied':
      return 4;
    default:
      return -1;
  }
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && outcomeIndex(value) >= 0;
}
