import { OUTCOME_COUNT } from '../contract/outcomes.js';
import { CallSeries } from './CallSeries.js';
import { Histogram } from './Histogram.js';
import { type LabelPolicy, OTHER, REDACTED } from './LabelPolicy.js';

/**
 * Everything recorded for one operation: its `care_calls_total` series by outcome and code, and
 * its duration histogram by outcome. Codes are interned per outcome on first sight.
 */
export class OperationSlot {
  /** Per outcome: code as given (number or string) → series. */
  readonly byCode: Map<string | number, CallSeries>[] = [];
  /** Per outcome: the series for calls without a code. */
  readonly noCode: (CallSeries | undefined)[] = [];
  readonly durations: Histogram[] = [];
  /** All call series in creation order, for exporters. */
  readonly series: CallSeries[] = [];
  private codeCount = 0;

  constructor(
    readonly name: string,
    bounds: Float64Array,
    private readonly maxCodes: number,
    private readonly policy: LabelPolicy,
  ) {
    for (let o = 0; o < OUTCOME_COUNT; o++) {
      this.byCode.push(new Map());
      this.noCode.push(undefined);
      // Every outcome exists from the first call at zero, so error ratios and rate() see the
      // first server error instead of a series that appears out of nowhere.
      this.durations.push(new Histogram(bounds, name, o));
    }
  }

  callSeries(outcome: number, code: string | number | undefined): CallSeries {
    if (code === undefined) return this.noCode[outcome] ?? this.createNoCode(outcome);
    const found = this.byCode[outcome]!.get(code);
    return found ?? this.createForCode(outcome, code);
  }

  private createNoCode(outcome: number): CallSeries {
    const s = this.seriesFor(outcome, '');
    this.noCode[outcome] = s;
    return s;
  }

  private createForCode(outcome: number, code: string | number): CallSeries {
    if (this.codeCount >= this.maxCodes) {
      // Not cached: a flood of distinct codes must not grow the map past its cap.
      return this.seriesFor(outcome, OTHER);
    }
    const label = this.policy.admit('code', typeof code === 'number' ? String(code) : code);
    const s = this.seriesFor(outcome, label);
    // Redacted values are not cached: the raw value would sit in memory as a Map key, and each
    // distinct patient number would grow the map. They pay the guard (and are counted) each call.
    if (label !== REDACTED) {
      this.byCode[outcome]!.set(code, s);
      this.codeCount++;
    }
    return s;
  }

  /** Finds or creates the series with this exported code label (several raw codes may share one). */
  private seriesFor(outcome: number, label: string): CallSeries {
    for (const s of this.series) if (s.outcome === outcome && s.code === label) return s;
    const s = new CallSeries(this.name, outcome, label);
    this.series.push(s);
    return s;
  }
}
