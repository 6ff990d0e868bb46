import type { Field, SpecReader } from './SpecReader.js';

const ALERTING = { keys: ['labels'] };
/** Prometheus label names (https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels). */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/**
 * Labels the generated alerts set themselves (rules/promql.ts sloLabels, rules/alerts.ts,
 * rules/generate.ts for OpenSLO alert policies): a
 * spec label would replace the SLO's identity or be overwritten. `__` names are Prometheus's own.
 */
export const RESERVED_ALERT_LABELS = [
  'alertname',
  'slo',
  'service',
  'operation',
  'severity',
  'long_window',
  'coffee_break',
  'alert_policy',
  'alert_condition',
  'openslo_severity',
];

/** `spec.alerting.labels`: extra labels on every alert of the SLO (team, routing). */
export function readAlertLabels(r: SpecReader, field: Field): Record<string, string> | undefined {
  const alerting = r.map(field, ALERTING);
  const labelsField = alerting?.get('labels');
  if (labelsField === undefined) return alerting && {};
  const entries = r.map(labelsField, undefined);
  if (entries === undefined) return undefined;
  const labels: Record<string, string> = {};
  let bad = false;
  for (const [name, f] of entries) {
    const value = r.string(f);
    if (!LABEL_NAME.test(name)) {
      r.fail(f, 'is not a Prometheus label name: letters, digits and _, not starting with a digit');
    } else if (name.startsWith('__')) {
      r.fail(f, 'is reserved: label names starting with __ are for Prometheus itself');
    } else if (RESERVED_ALERT_LABELS.includes(name)) {
      r.fail(f, `is set by Hartslag on its alerts (${RESERVED_ALERT_LABELS.join(', ')}); choose another label name`);
    } else if (value !== undefined) {
      labels[name] = value;
      continue;
    }
    bad = true;
  }
  return bad ? undefined : labels;
}
