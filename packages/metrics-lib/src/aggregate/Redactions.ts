import type { PiiGuard } from '../guard/PiiGuard.js';
import { type LabelPolicy, REDACTED, sanitizeLength } from './LabelPolicy.js';

/** The label policy of a CareMetrics: the PII guard, with `care_label_redactions_total` by label. */
export class Redactions implements LabelPolicy {
  /** Redactions by label name. */
  readonly counts = new Map<string, number>();

  constructor(
    private readonly guard: PiiGuard,
    private readonly onRedaction: (label: string, kind: string) => void,
  ) {}

  admit(label: string, value: string): string {
    const kind = this.guard.check(label, value);
    if (kind === undefined) return sanitizeLength(value);
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    this.onRedaction(label, kind);
    return REDACTED;
  }
}
