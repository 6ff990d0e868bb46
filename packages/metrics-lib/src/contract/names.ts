/**
 * The metric contract: every Hartslag part (SLO rules, status API, panel, dashboards) reads these
 * names. Prometheus naming rules: snake_case, base units (seconds), `_total` on counters
 * (https://prometheus.io/docs/practices/naming/). Documented in docs/metrics.md.
 */
export const DEFAULT_NAMESPACE = 'care';

/** Label names, fixed per metric. `service` is the instrumented service, constant per process. */
export const LABELS = {
  service: 'service',
  operation: 'operation',
  outcome: 'outcome',
  code: 'code',
  tenant: 'tenant',
  vendor: 'vendor',
  label: 'label',
  reason: 'reason',
} as const;

/** Label value for calls of tenants (or vendors, operations, codes) beyond a cardinality cap. */
export const OTHER = '__other__';
/** Label value that replaces anything the PII guard caught. */
export const REDACTED = '__redacted__';
/**
 * Label value for a value that cannot be a label (a Symbol, an object, NaN, a getter that threw):
 * the call is still counted under it, and the error in care_instrumentation_errors_total.
 */
export const INVALID = '__invalid__';

/**
 * Why a recording (or an export) failed, the `reason` label of care_instrumentation_errors_total.
 * A closed set, all exported at zero, so an alert on any of them sees the first one.
 * - outcome: not one of the five outcomes; the call cannot be placed and is not in care_calls_total;
 * - duration: seconds not a finite number ≥ 0 (nor bigint nanoseconds ≥ 0); counted without latency;
 * - label: a label value that is not a string, finite number, bigint or boolean; counted as `__invalid__`;
 * - input: the call record is not an object, or reading one of its properties threw;
 * - resolver: a function of yours threw (vendorOf, an adapter's tenant, vendor or operation);
 * - export: an exporter left out a metric family it could not render (a bug: please report it);
 * - internal: anything else that failed inside the library.
 */
export const INSTRUMENTATION_ERROR_REASONS = [
  'outcome',
  'duration',
  'label',
  'input',
  'resolver',
  'export',
  'internal',
] as const;

export type InstrumentationErrorReason = (typeof INSTRUMENTATION_ERROR_REASONS)[number];

export interface MetricNames {
  calls: string;
  callDuration: string;
  tenantCalls: string;
  vendorCalls: string;
  tenantOverflow: string;
  labelRedactions: string;
  instrumentationErrors: string;
  vendorCodes: string;
  vendorCallDuration: string;
}

export function metricNames(namespace: string = DEFAULT_NAMESPACE): MetricNames {
  return {
    calls: `${namespace}_calls_total`,
    callDuration: `${namespace}_call_duration_seconds`,
    tenantCalls: `${namespace}_tenant_calls_total`,
    vendorCalls: `${namespace}_vendor_calls_total`,
    tenantOverflow: `${namespace}_tenant_overflow_total`,
    labelRedactions: `${namespace}_label_redactions_total`,
    instrumentationErrors: `${namespace}_instrumentation_errors_total`,
    vendorCodes: `${namespace}_vendor_codes_total`,
    vendorCallDuration: `${namespace}_vendor_call_duration_seconds`,
  };
}

/** The names under the default namespace; what rules and dashboards are generated against. */
export const METRICS: MetricNames = Object.freeze(metricNames());

export const HELP: Record<keyof MetricNames, string> = {
  calls: 'Calls handled, by operation, outcome and code.',
  callDuration: 'Call duration in seconds, by operation and outcome.',
  tenantCalls:
    'Calls by tenant (pharmacy, hospital, practice) and its software vendor. Tenants beyond the cap are counted as tenant="__other__".',
  vendorCalls:
    'Calls by software vendor, exact whatever the tenant cap does (tenant series may be evicted; these never are).',
  tenantOverflow: 'Calls that went to tenant="__other__" because the tenant held no series of its own.',
  labelRedactions: 'Label values replaced by "__redacted__" because they looked like patient data.',
  instrumentationErrors:
    'Recording calls that failed inside the metrics library (never thrown to the caller), by reason.',
  vendorCodes:
    'Failed calls (any outcome but success) of calls naming a software vendor, by operation and code. Capped per vendor; the rest count as "__other__".',
  vendorCallDuration:
    'Call duration in seconds of calls naming a software vendor, by operation. Capped per vendor; the rest count as operation="__other__".',
};
