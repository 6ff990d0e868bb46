import { detectPii, type PiiKind } from './detectPii.js';
import { PiiLabelError } from './PiiLabelError.js';

/** A detector of your own (e.g. for local medical record numbers): returns its name on a hit. */
export type PiiDetector = (value: string) => string | undefined;

export interface PiiGuardOptions {
  /** Throw PiiLabelError instead of reporting; for development and tests, never production. */
  strict?: boolean;
  /**
   * Run after the built-in detectors; the first name returned wins. Empty names (and anything not a
   * string) count as no hit; a detector that throws counts as a hit ("detector_failed").
   */
  extraDetectors?: PiiDetector[];
}

/** The kind reported when an extra detector throws: the value is redacted, never let through. */
export const DETECTOR_FAILED = 'detector_failed';

/** Decides whether a label value may be exported. The caller replaces flagged values with `__redacted__`. */
export class PiiGuard {
  private readonly strict: boolean;
  private readonly extraDetectors: readonly PiiDetector[];

  constructor(options: PiiGuardOptions = {}) {
    this.strict = options.strict === true;
    // Copied so later changes to the caller's array cannot alter a running guard.
    this.extraDetectors = [...(options.extraDetectors ?? [])];
  }

  /** The kind of personal data found in `value` (or an extra detector's name), else undefined. */
  check(label: string, value: string): PiiKind | string | undefined {
    const kind = detectPii(value) ?? this.runExtraDetectors(value);
    if (kind !== undefined && this.strict) throw new PiiLabelError(label, kind);
    return kind;
  }

  private runExtraDetectors(value: string): string | undefined {
    for (const detect of this.extraDetectors) {
      let name: unknown;
      try {
        name = detect(value);
      } catch {
        // Fail closed: a detector that cannot decide must not let the value through.
        return DETECTOR_FAILED;
      }
      if (typeof name === 'string' && name !== '') return name;
    }
    return undefined;
  }
}
