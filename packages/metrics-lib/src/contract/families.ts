import { LABELS, type MetricNames } from './names.js';

/** A metric family of the contract: its Prometheus type and its labels, `service` first. */
export interface FamilyContract {
  type: 'counter' | 'histogram';
  labels: readonly string[];
}

/**
 * Type and labels of every call metric, as docs/metrics.md tables them: what a service that does
 * not use this library must expose to join the generated rules and dashboards
 * (`hartslag contract check`). Keyed like MetricNames; the exporters' label order is the same.
 */
export const FAMILY_CONTRACT: Readonly<Record<keyof MetricNames, FamilyContract>> = Object.freeze({
  calls: { type: 'counter', labels: [LABELS.service, LABELS.operation, LABELS.outcome, LABELS.code] },
  callDuration: { type: 'histogram', labels: [LABELS.service, LABELS.operation, LABELS.outcome] },
  tenantCalls: { type: 'counter', labels: [LABELS.service, LABELS.tenant, LABELS.vendor, LABELS.outcome] },
  vendorCalls: { type: 'counter', labels: [LABELS.service, LABELS.vendor, LABELS.outcome] },
  tenantOverflow: { type: 'counter', labels: [LABELS.service] },
  labelRedactions: { type: 'counter', labels: [LABELS.service, LABELS.label] },
  instrumentationErrors: { type: 'counter', labels: [LABELS.service, LABELS.reason] },
  vendorCodes: { type: 'counter', labels: [LABELS.service, LABELS.operation, LABELS.vendor, LABELS.code] },
  vendorCallDuration: { type: 'histogram', labels: [LABELS.service, LABELS.operation, LABELS.vendor] },
});
