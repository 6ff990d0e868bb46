/**
 * Label value escaping of the text exposition format (and OpenMetrics): backslash, double quote,
 * line feed. The one place label values are escaped; every value reaching it is a string made
 * by the label policy (aggregate/labelValue.ts), so it is well-formed and bounded already.
 */
export function escapeLabelValue(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value;
}

/** HELP text escaping: backslash and line feed. */
export function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Bucket bound as prom-client writes it, so both agree byte for byte. */
export function formatBound(bound: number): string {
  return bound === Infinity ? '+Inf' : String(bound);
}

/** A sample value: Go's ParseFloat spellings for the infinities and NaN, which JS prints otherwise. */
export function formatValue(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
