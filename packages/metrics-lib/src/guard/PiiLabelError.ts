import { HartslagError } from '../errors.js';

/** What each detected kind is, for people reading the error; extra detectors' names pass through. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  bsn: 'a Dutch BSN (patient identifier)',
  insz: 'a Belgian national register number (INSZ/NISS) (patient identifier)',
  email: 'an e-mail address (personal data)',
  phone: 'a phone number (personal data)',
};

/** Human-readable name of a PII kind, e.g. 'bsn' → 'a Dutch BSN (patient identifier)'. */
export function describePiiKind(kind: string): string {
  return Object.hasOwn(DESCRIPTIONS, kind) ? DESCRIPTIONS[kind] : `"${kind}" (flagged by an extra PII detector)`;
}

/**
 * Thrown in strict mode when a label value looks like personal data. The message names the label and
 * the kind but never the value: errors end up in logs, which must stay free of patient data too.
 */
export class PiiLabelError extends HartslagError {
  readonly label: string;
  readonly kind: string;

  constructor(label: string, kind: string) {
    super(
      'HARTSLAG_ERR_PII_LABEL',
      `label "${label}" got a value that looks like ${describePiiKind(kind)}; pass a pseudonymous id ` +
        "(e.g. the pharmacy's AGB code) instead — the value is not shown here to keep it out of logs",
    );
    this.name = 'PiiLabelError';
    this.label = label;
    this.kind = kind;
  }
}
