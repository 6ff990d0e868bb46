/** Label value escaping of the text exposition format: backslash, double quote, line feed. */
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
