import { OTHER, REDACTED } from '../contract/names.js';

/**
 * Decides what a new label value becomes before it can name a series: itself, `__redacted__`
 * (the PII guard caught it) or `__other__` (its cap is full). Called only on first sight of a
 * value, so the guard's cost stays off the hot path.
 */
export interface LabelPolicy {
  /**
   * Returns the label value to export: the value (maybe shortened), or REDACTED when it looked
   * like patient data; each redaction is counted in care_label_redactions_total.
   */
  admit(label: string, value: string): string;
}

/** Label values allowed verbatim: bounded length, no control characters. */
export const MAX_LABEL_VALUE_LENGTH = 128;

export function sanitizeLength(value: string): string {
  return value.length > MAX_LABEL_VALUE_LENGTH ? `${value.slice(0, MAX_LABEL_VALUE_LENGTH - 1)}…` : value;
}

export { OTHER, REDACTED };
