import type { PiiGuard } from '../guard/PiiGuard.js';
import type { LabelPolicy } from './LabelPolicy.js';
import { INVALID, REDACTED } from './LabelPolicy.js';
import { labelText, normalizeLabel } from './labelValue.js';

/**
 * The label policy of a CareMetrics: type check, well-formed text, length bound and the PII guard,
 * with `care_label_redactions_total` by label.
 */
export class Redactions implements LabelPolicy {
  /** Redactions by label name. */
  readonly counts = new Map<string, number>();

  constructor(
    private readonly guard: PiiGuard,
    private readonly onRedaction: (label: string, kind: string) => void,
    /** Counts a value that cannot be a label (throws in strict mode). */
    private readonly onInvalid: (label: string, value: unknown) => void,
  ) {}

  admit(label: string, value: unknown): string {
    const text = labelText(value);
    if (text === undefined) {
      this.onInvalid(label, value);
      return INVALID;
    }
    // The guard reads the text as exported: what was cut off never leaves the process, and
    // shortening can turn a long run of digits into one that reads as a BSN. It also keeps the
    // guard's cost bounded whatever the length of the value.
    const out = normalizeLabel(text);
    const kind = this.guard.check(label, out);
    if (kind === undefined) return out;
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    this.onRedaction(label, kind);
    return REDACTED;
  }
}
