import { DEFAULT_NAMESPACE } from './names.js';

/**
 * The in-process SLO evaluator's gauges (metrics-lib slo/gauges.ts): the counterparts of the
 * `slo:` series the generated rules record, under the service's metric namespace. The status
 * API's scrape source reads them by these names.
 */
export interface SloGaugeNames {
  budgetRemaining: string;
  burnRate: string;
  errorRatio: string;
  outageSeconds: string;
  callsPerSecond: string;
  judgeable: string;
  /** Share of the SLO window the history holds data for, `window` label the SLO's window (`slo:data_coverage:ratio…` of the rules). */
  dataCoverage: string;
  alertFiring: string;
}

export function sloGaugeNames(namespace: string = DEFAULT_NAMESPACE): SloGaugeNames {
  return {
    budgetRemaining: `${namespace}_slo_error_budget_remaining_ratio`,
    burnRate: `${namespace}_slo_burn_rate`,
    errorRatio: `${namespace}_slo_error_ratio`,
    outageSeconds: `${namespace}_slo_current_outage_seconds`,
    callsPerSecond: `${namespace}_slo_calls_per_second`,
    judgeable: `${namespace}_slo_judgeable`,
    dataCoverage: `${namespace}_slo_data_coverage_ratio`,
    alertFiring: `${namespace}_slo_alert_firing`,
  };
}

/** The names under the default namespace. */
export const SLO_GAUGES: SloGaugeNames = Object.freeze(sloGaugeNames());
