import { INVALID, OTHER, REDACTED } from '../contract/names.js';

/**
 * Decides what a new label value becomes before it can name a series: its text (well-formed,
 * maybe shortened), `__redacted__` (the PII guard caught it) or `__invalid__` (it cannot be a
 * label). Called only on first sight of a value, so the guard's cost stays off the hot path.
 */
export interface LabelPolicy {
  /**
   * Returns the label value to export for `value` as a caller gave it (any type). Each redaction
   * is counted in care_label_redactions_total, each invalid value in
   * care_instrumentation_errors_total; in strict mode both throw.
   */
  admit(label: string, value: unknown): string;
}

/** The label values the library itself writes; never counted against a cap. */
export function isPlaceholder(label: string): boolean {
  return label === OTHER || label === REDACTED || label === INVALID;
}

/** What a label's text may cost in memory: V8 keeps up to two bytes per UTF-16 code unit. */
export function labelBytes(label: string): number {
  return 2 * label.length;
}

export { MAX_LABEL_VALUE_LENGTH } from './labelValue.js';
export { INVALID, OTHER, REDACTED };
