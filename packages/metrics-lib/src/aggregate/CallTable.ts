import type { LabelPolicy } from './LabelPolicy.js';
import { isPlaceholder, OTHER } from './LabelPolicy.js';
import { type CodeLimits, OperationSlot, type SeriesCount } from './OperationSlot.js';

/** `care_calls_total` and `care_call_duration_seconds`: all operations of one service. */
export class CallTable {
  /** Slots by exported name: one slot per label, so one series per final label set. */
  private readonly byName = new Map<string, OperationSlot>();
  /** Slots by exported name, in creation order, for exporters. */
  readonly slots: OperationSlot[] = [];
  private named = 0;
  private readonly created: SeriesCount = { calls: 0, durations: 0 };

  constructor(
    private readonly bounds: Float64Array,
    private readonly maxOperations: number,
    private readonly codeLimits: CodeLimits,
    private readonly policy: LabelPolicy,
  ) {}

  /** The slot for an operation name (any type); creates it on first sight (the slow path). */
  operation(name: unknown): OperationSlot {
    return this.byName.get(name as string) ?? this.create(name);
  }

  private create(name: unknown): OperationSlot {
    let label = this.policy.admit('operation', name);
    const found = this.byName.get(label);
    if (found !== undefined) return found;
    // Operations usually come from route names; a route that puts ids in the name would explode
    // cardinality, so past the cap everything shares `__other__`.
    if (!isPlaceholder(label)) {
      if (this.named >= this.maxOperations) label = OTHER;
      else this.named++;
    }
    let slot = this.byName.get(label);
    if (slot === undefined) {
      slot = new OperationSlot(label, this.bounds, this.codeLimits, this.policy, this.created);
      this.slots.push(slot);
      this.byName.set(label, slot);
    }
    return slot;
  }
}
