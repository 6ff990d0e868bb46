import { HELP, type MetricNames } from './names.js';

/**
 * OpenTelemetry instrument names for the same metrics. Chosen so that the OTel → Prometheus
 * translation (dots to underscores, unit suffix, `_total` on monotonic sums) yields exactly the
 * Prometheus names: a Collector's prometheus exporter and our own /metrics agree.
 * Attribute keys equal the Prometheus label names for the same reason.
 */
export interface OtelInstrument {
  name: string;
  unit: string;
  kind: 'counter' | 'histogram';
  description: string;
  /** The Prometheus name the instrument translates to. */
  prometheusName: string;
}

export type OtelInstruments = Record<keyof MetricNames, OtelInstrument>;

export function otelInstruments(namespace: string, names: MetricNames): OtelInstruments {
  const counter = (key: keyof MetricNames, name: string, unit: string): OtelInstrument => ({
    name: `${namespace}.${name}`,
    unit,
    kind: 'counter',
    description: HELP[key],
    prometheusName: names[key],
  });
  return {
    calls: counter('calls', 'calls', '{call}'),
    callDuration: {
      name: `${namespace}.call.duration`,
      unit: 's',
      kind: 'histogram',
      description: HELP.callDuration,
      prometheusName: names.callDuration,
    },
    tenantCalls: counter('tenantCalls', 'tenant.calls', '{call}'),
    vendorCalls: counter('vendorCalls', 'vendor.calls', '{call}'),
    tenantOverflow: counter('tenantOverflow', 'tenant.overflow', '{call}'),
    labelRedactions: counter('labelRedactions', 'label.redactions', '{redaction}'),
    instrumentationErrors: counter('instrumentationErrors', 'instrumentation.errors', '{error}'),
    vendorCodes: counter('vendorCodes', 'vendor.codes', '{call}'),
    vendorCallDuration: {
      name: `${namespace}.vendor.call.duration`,
      unit: 's',
      kind: 'histogram',
      description: HELP.vendorCallDuration,
      prometheusName: names.vendorCallDuration,
    },
  };
}
