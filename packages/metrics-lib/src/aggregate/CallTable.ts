import type { LabelPolicy } from './LabelPolicy.js';
import { OTHER, REDACTED } from './LabelPolicy.js';
import { OperationSlot } from './OperationSlot.js';

/** `care_calls_total` and `care_call_duration_seconds`: all operations of one service. */
export class CallTable {
  private readonly byName = new Map<string, OperationSlot>();
  /** Slots by exported name, in creation order, for exporters. */
  readonly slots: OperationSlot[] = [];

  constructor(
    private readonly bounds: Float64Array,
    private readonly maxOperations: number,
    private readonly maxCodes: number,
    private readonly policy: LabelPolicy,
  ) {}

  /** The slot for an operation name; creates it on first sight (the slow path). */
  operation(name: string): OperationSlot {
    return this.byName.get(name) ?? this.create(name);
  }

  private create(name: string): OperationSlot {
    // Operations usually come from route names; a route that puts ids in the name would explode
    // cardinality, so past the cap everything shares `__other__`.
    const label = this.byName.size >= this.maxOperations ? OTHER : this.policy.admit('operation', name);
    let slot = this.slots.find((s) => s.name === label);
    if (slot === undefined) {
      slot = new OperationSlot(label, this.bounds, this.maxCodes, this.policy);
      this.slots.push(slot);
    }
    if (label !== REDACTED && label !== OTHER) this.byName.set(name, slot);
    return slot;
  }
}
