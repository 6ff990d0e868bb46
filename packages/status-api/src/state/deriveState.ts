import { ALERTS } from '@hartslag/metrics/contract';
import type { SloFigures, SourceReading, State } from './State.js';

/*
 * How a component's state follows from a reading. First matching row of the first block wins;
 * the second block takes the worst over all of the component's SLOs; the third only raises.
 *
 * | when                                                                   | state          | reason                                  |
 * | ---------------------------------------------------------------------- | -------------- | --------------------------------------- |
 * | maintenance declared                                                   | maintenance    | `maintenance`                           |
 * | no reading                                                             | unknown        | `source:none`                           |
 * | the source threw                                                       | unknown        | `source:error`                          |
 * | reading older than staleAfterMs (exactly staleAfterMs is still fresh)  | unknown        | `source:stale`                          |
 * | the component lists no SLOs                                            | unknown        | `component:no_slos`                     |
 * |------------------------------------------------------------------------|----------------|-----------------------------------------|
 * | outage active for ≥ 60 s                                               | major_outage   | `slo:<id>:outage_active`                |
 * | HartslagOutageLimitBreached or HartslagOutageRunning firing            | major_outage   | `slo:<id>:alert:<alertname>`            |
 * | HartslagErrorBudgetBurn severity page firing                           | partial_outage | `slo:<id>:alert:HartslagErrorBudgetBurn:page` |
 * | HartslagTrafficSilent firing, or the SLO reads silent                  | partial_outage | `slo:<id>:alert:HartslagTrafficSilent` / `slo:<id>:silent` |
 * | any other alert with severity ticket firing                            | degraded       | `slo:<id>:alert:<alertname>:ticket`     |
 * | budget overspent (budgetRemaining < 0)                                 | degraded       | `slo:<id>:budget_spent`                 |
 * | too few calls in 6 hours to judge by (judgeable false)                 | unknown        | `slo:<id>:too_few_calls`                |
 * | an SLO missing from the reading, and nothing above                     | unknown        | `slo:<id>:missing`                      |
 * | none of the above                                                      | operational    | —                                       |
 * |------------------------------------------------------------------------|----------------|-----------------------------------------|
 * | incident impact minor / major / critical                               | ≥ degraded / partial_outage / major_outage | `incident:<impact>` |
 *
 * Why: "operational" needs fresh evidence for every SLO, but a missing SLO does not hide an
 * outage another SLO proves. An outage under 60 s is a blip the coffee-break rule (@hartslag/slo)
 * does not page for either. Maintenance hides what the measurements say, never what a person
 * declared: an incident raises every state, maintenance and unknown included, and never lowers one.
 * A night with a call or two in six hours proves nothing either way: "too few calls to judge",
 * never "operational" (@hartslag/slo judges by counted calls, `slo:judgeable`).
 * The 5-minute error ratio is reported but not judged: without the objective, the burn-rate
 * alerts already say when it matters (SRE workbook, multiwindow multi-burn-rate alerts).
 */

export type IncidentImpact = 'none' | 'minor' | 'major' | 'critical';

export interface DeriveInput {
  component: {
    id: string;
    slos: readonly string[];
    /** Not used here: a dependency's state is combined by the caller. */
    dependsOn?: readonly string[];
  };
  reading: SourceReading | undefined;
  /** What the source threw, if it did; the reading is then ignored. */
  readError?: unknown;
  /** ms since the epoch. */
  now: number;
  staleAfterMs: number;
  maintenance: boolean;
  /** The highest impact among the component's open incidents. */
  incidentImpact?: IncidentImpact;
}

export interface Derived {
  state: State;
  /** Short machine-readable causes, most severe first within each step. */
  reasons: string[];
}

/** The reason suffix of an SLO with too few calls to judge: `slo:<id>:too_few_calls`. */
export const TOO_FEW_CALLS = 'too_few_calls';

/** An outage shorter than this is a blip, not a major outage. */
export const OUTAGE_MIN_SECONDS = 60;

const INCIDENT_FLOOR: Record<IncidentImpact, State | undefined> = {
  none: undefined,
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
};

/**
 * Severity for the overall indicator, low to high. `unknown` ranks above maintenance and below
 * degraded: not knowing is worse than planned work, but no evidence of harm.
 */
export const STATE_RANK: Record<State, number> = {
  operational: 0,
  maintenance: 1,
  unknown: 2,
  degraded: 3,
  partial_outage: 4,
  major_outage: 5,
};

/** The overall state of several components; `unknown` when there are none. */
export function worstState(states: Iterable<State>): State {
  let worst: State | undefined;
  for (const s of states) if (worst === undefined || STATE_RANK[s] > STATE_RANK[worst]) worst = s;
  return worst ?? 'unknown';
}

export function deriveState(input: DeriveInput): Derived {
  const measured = fromMeasurements(input);
  const floor = INCIDENT_FLOOR[input.incidentImpact ?? 'none'];
  if (floor === undefined) return measured;
  const reasons = [`incident:${input.incidentImpact}`, ...measured.reasons];
  // Unknown and maintenance rank below every incident floor, so the floor replaces them.
  return STATE_RANK[floor] > STATE_RANK[measured.state] ? { state: floor, reasons } : { ...measured, reasons };
}

function fromMeasurements({ component, reading, readError, now, staleAfterMs, maintenance }: DeriveInput): Derived {
  if (maintenance) return { state: 'maintenance', reasons: ['maintenance'] };
  if (readError !== undefined) return { state: 'unknown', reasons: ['source:error'] };
  if (reading === undefined) return { state: 'unknown', reasons: ['source:none'] };
  if (now - reading.at > staleAfterMs) return { state: 'unknown', reasons: ['source:stale'] };
  if (component.slos.length === 0) return { state: 'unknown', reasons: ['component:no_slos'] };

  const found: { state: State; reason: string }[] = [];
  const missing: string[] = [];
  for (const id of component.slos) {
    const figures = reading.slos.get(id);
    if (figures === undefined) missing.push(`slo:${id}:missing`);
    else found.push(...judge(figures));
  }
  const state = worstState(found.map((f) => f.state));
  // Two burn-rate windows of one alert give one reason.
  const reasons = [
    ...new Set(
      found
        .slice()
        .sort((a, b) => STATE_RANK[b.state] - STATE_RANK[a.state])
        .map((f) => f.reason),
    ),
  ];
  if (found.length > 0) return { state, reasons: [...reasons, ...missing] };
  return missing.length > 0 ? { state: 'unknown', reasons: missing } : { state: 'operational', reasons: [] };
}

/** Every finding about one SLO that is worse than operational. */
function judge(f: SloFigures): { state: State; reason: string }[] {
  const out: { state: State; reason: string }[] = [];
  const at = (state: State, what: string) => out.push({ state, reason: `slo:${f.slo}:${what}` });
  if (f.outage?.active && f.outage.seconds >= OUTAGE_MIN_SECONDS) at('major_outage', 'outage_active');
  let silentAlert = false;
  for (const a of f.firing) {
    if (a.alertname === ALERTS.outageLimit || a.alertname === ALERTS.outageRunning) {
      at('major_outage', `alert:${a.alertname}`);
    } else if (a.alertname === ALERTS.silence) {
      silentAlert = true;
      at('partial_outage', `alert:${a.alertname}`);
    } else if (a.severity === 'page') {
      at('partial_outage', `alert:${a.alertname}:page`);
    } else if (a.severity === 'ticket') {
      at('degraded', `alert:${a.alertname}:ticket`);
    }
  }
  if (f.silent && !silentAlert) at('partial_outage', 'silent');
  // No budget verdict on days of data out of 30: the page says "collecting data" instead.
  if (f.budgetRemaining !== undefined && f.budgetRemaining < 0 && f.coverage?.collecting !== true) {
    at('degraded', 'budget_spent');
  }
  if (f.judgeable === false) at('unknown', TOO_FEW_CALLS);
  return out;
}
