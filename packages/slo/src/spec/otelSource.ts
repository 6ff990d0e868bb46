import { parseDuration } from '../model/duration.js';
import { num, selector } from '../rules/promql.js';
import type { Source } from './Source.js';
import type { Field, SpecReader } from './SpecReader.js';
import { suggest } from './suggest.js';

/**
 * OpenTelemetry semantic-convention server metrics as an OpenTelemetry Collector's Prometheus
 * exporters name them (dots → underscores, the unit as a suffix): what a service instrumented with
 * plain OpenTelemetry in any language sends. `errors` selects the calls that burn the budget.
 */
export const OTEL_METRICS = {
  // Stable HTTP semantic conventions: seconds; a 5xx is the server's fault.
  'http.server.request.duration': {
    prometheus: 'http_server_request_duration_seconds',
    secondsPerUnit: 1,
    errors: 'http_response_status_code=~"5.."',
  },
  // Stable RPC conventions, otelgrpc's default since v0.6x: seconds, the status by name; the codes
  // that mean the server failed (UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE,
  // DATA_LOSS), as otelgrpc also marks them with error.type.
  'rpc.server.call.duration': {
    prometheus: 'rpc_server_call_duration_seconds',
    secondsPerUnit: 1,
    errors: 'rpc_response_status_code=~"UNKNOWN|DEADLINE_EXCEEDED|UNIMPLEMENTED|INTERNAL|UNAVAILABLE|DATA_LOSS"',
  },
  // The older RPC conventions (OTEL_SEMCONV_STABILITY_OPT_IN=rpc/old or rpc/dup, other
  // languages' SDKs): milliseconds, the status as its number; the same server-fault codes.
  'rpc.server.duration': {
    prometheus: 'rpc_server_duration_milliseconds',
    secondsPerUnit: 0.001,
    errors: 'rpc_grpc_status_code=~"2|4|12|13|14|15"',
  },
} as const;

const SPEC = { keys: ['metric', 'job', 'attributes', 'events', 'within'] };
const EVENTS = ['all', 'errors'];
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_.]*$/;

/**
 * A metric source of `type: otel`: `{ metric, job, attributes?, events?: all | errors, within? }`,
 * turned into the Prometheus query of those events per window. `job` is what the Collector makes
 * of the resource: `service.namespace/service.name`, or `service.name` alone. `within: 300ms`
 * counts the calls answered within that time (a bucket boundary of the histogram).
 */
export function readOtelSource(r: SpecReader, sourceField: Field, typeField: Field): Source | undefined {
  const source = r.map(sourceField, undefined);
  const specField = source && r.need(source, 'spec', sourceField);
  const spec = specField && r.map(specField, SPEC);
  if (spec === undefined) return undefined;
  const metricField = r.need(spec, 'metric', specField!);
  const metricName = metricField && r.string(metricField);
  const known = Object.keys(OTEL_METRICS);
  const metric = known.includes(metricName ?? '') ? metricName : undefined;
  if (metricField !== undefined && metricName !== undefined && metric === undefined) {
    const meant = suggest(metricName, known);
    r.fail(
      metricField,
      `is not an OpenTelemetry server metric Hartslag knows${meant ? `; did you mean ${meant}?` : ''}: use one of ${known.join(', ')}`,
    );
  }
  const jobField = r.need(spec, 'job', specField!);
  const job = jobField && r.string(jobField);
  const labels: Record<string, string> = job === undefined ? {} : { job };
  const attributesField = spec.get('attributes');
  for (const [key, f] of (attributesField && r.map(attributesField, undefined)) ?? []) {
    const value = r.string(f);
    if (!LABEL.test(key)) r.fail(f, 'is not an attribute name (letters, digits, _ and .)');
    else if (value !== undefined) labels[key.replaceAll('.', '_')] = value;
  }
  const eventsField = spec.get('events');
  const events = eventsField === undefined ? 'all' : r.string(eventsField);
  if (eventsField !== undefined && events !== undefined && !EVENTS.includes(events)) {
    r.fail(eventsField, `must be one of ${EVENTS.join(', ')}`);
  }
  const withinField = spec.get('within');
  const withinText = withinField && r.string(withinField);
  const within = withinText === undefined ? undefined : parseDuration(withinText);
  if (withinField !== undefined && withinText !== undefined && within === undefined) {
    r.fail(withinField, 'must be a duration such as 300ms or 1s');
  }
  if (withinField !== undefined && events === 'errors') {
    r.fail(withinField, 'cannot be combined with events: errors; use within on good and errors on bad');
  }
  if (metric === undefined || job === undefined) return undefined;
  const m = OTEL_METRICS[metric as keyof typeof OTEL_METRICS];
  const matchers = [selector(labels), ...(events === 'errors' ? [m.errors] : [])];
  const query =
    within === undefined
      ? `sum(rate(${m.prometheus}_count{${matchers.join(',')}}[{{window}}]))`
      : `sum(rate(${m.prometheus}_bucket{${selector({ ...labels, le: num(within / m.secondsPerUnit) })}}[{{window}}]))`;
  return { query, queryField: specField!, typeField };
}
