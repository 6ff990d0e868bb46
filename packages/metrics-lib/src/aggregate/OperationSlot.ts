import { OUTCOME_COUNT } from '../contract/outcomes.js';
import { CallSeries } from './CallSeries.js';
import { Histogram } from './Histogram.js';
import { isPlaceholder, type LabelPolicy, labelBytes, OTHER } from './LabelPolicy.js';
import type { VendorOperation } from './VendorCallTable.js';

/** Caps of the code label of one operation: distinct values and the bytes of their text. */
export interface CodeLimits {
  maxCodes: number;
  maxCodeBytes: number;
}

/** Series created so far in one CallTable, by kind: the next one's place. */
export interface SeriesCount {
  calls: number;
  durations: number;
}

/**
 * Everything recorded for one operation: its `care_calls_total` series by outcome and code, and
 * its duration histogram by outcome. Codes are interned per outcome on first sight.
 */
export class OperationSlot {
  /**
   * Per outcome: code as given → series. Only keys that are their own label text (a string) or
   * print as it (a finite number) are kept, so the map holds at most two keys per exported code.
   */
  readonly byCode: Map<unknown, CallSeries>[] = [];
  /** Per outcome: the series for calls without a code. */
  readonly noCode: (CallSeries | undefined)[] = [];
  readonly durations: Histogram[] = [];
  /** By vendor index: that vendor's codes and latency for this operation (VendorCallTable). */
  readonly byVendor: (VendorOperation | undefined)[] = [];
  /** All call series in creation order, for exporters. */
  readonly series: CallSeries[] = [];
  /** Code labels of this operation (placeholders aside), bounded by count and bytes. */
  private readonly codes = new Set<string>();
  private codeBytes = 0;

  constructor(
    readonly name: string,
    bounds: Float64Array,
    private readonly limits: CodeLimits,
    private readonly policy: LabelPolicy,
    private readonly created: SeriesCount,
  ) {
    for (let o = 0; o < OUTCOME_COUNT; o++) {
      this.byCode.push(new Map());
      this.noCode.push(undefined);
      // Every outcome exists from the first call at zero, so error ratios and rate() see the
      // first server error instead of a series that appears out of nowhere.
      this.durations.push(new Histogram(created.durations++, bounds, name, o));
    }
  }

  callSeries(outcome: number, code: unknown): CallSeries {
    if (code === undefined) return this.noCode[outcome] ?? this.createNoCode(outcome);
    const found = this.byCode[outcome]!.get(code);
    return found ?? this.createForCode(outcome, code);
  }

  private createNoCode(outcome: number): CallSeries {
    const s = this.seriesFor(outcome, '');
    this.noCode[outcome] = s;
    return s;
  }

  private createForCode(outcome: number, code: unknown): CallSeries {
    let label = this.policy.admit('code', code);
    if (!isPlaceholder(label) && !this.codes.has(label)) {
      const bytes = labelBytes(label);
      if (this.codes.size >= this.limits.maxCodes || this.codeBytes + bytes > this.limits.maxCodeBytes) {
        // Not cached: a flood of distinct codes must not grow the map past its cap.
        label = OTHER;
      } else {
        this.codes.add(label);
        this.codeBytes += bytes;
      }
    }
    const s = this.seriesFor(outcome, label);
    // Redacted, invalid and capped values are not cached: the raw value would sit in memory as a
    // Map key, and each distinct patient number would grow the map. They pay the policy each call.
    if (!isPlaceholder(label) && (code === label || typeof code === 'number')) this.byCode[outcome]!.set(code, s);
    return s;
  }

  /** Finds or creates the series with this exported code label (several raw codes may share one). */
  private seriesFor(outcome: number, label: string): CallSeries {
    for (const s of this.series) if (s.outcome === outcome && s.code === label) return s;
    const s = new CallSeries(this.created.calls++, this.name, outcome, label);
    this.series.push(s);
    return s;
  }
}
