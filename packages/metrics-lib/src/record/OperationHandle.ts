import type { OperationSlot } from '../aggregate/OperationSlot.js';
import type { TenantTable } from '../aggregate/TenantTable.js';
import { type Outcome, outcomeIndex } from '../contract/outcomes.js';
import { RecordError } from '../errors.js';
import { CallTimer } from './CallTimer.js';

/** Where a handle reports what it could not record (owned by CareMetrics). */
export interface RecordSink {
  instrumentationError(error: unknown): void;
}

/**
 * A pre-bound operation: the hot path. `record` touches one counter, one histogram cell and,
 * with a tenant, one tenant slot; it never throws (failures are counted).
 */
export class OperationHandle {
  constructor(
    private readonly slot: OperationSlot,
    private readonly tenants: TenantTable,
    private readonly sink: RecordSink,
  ) {}

  get operation(): string {
    return this.slot.name;
  }

  /**
   * Records one finished call.
   * @param seconds duration; omit when unknown (the call is still counted).
   * @param code HTTP status, gRPC code or reason such as "no_contract".
   * @param tenant pharmacy, hospital or practice id (never a patient id: the guard redacts those).
   */
  record(outcome: Outcome, seconds?: number, code?: string | number, tenant?: string, vendor?: string): void {
    try {
      const o = outcomeIndex(outcome);
      if (o < 0) {
        this.sink.instrumentationError(
          new RecordError(
            `outcome must be one of success, client_error, server_error, timeout, denied; got ${JSON.stringify(outcome)}`,
          ),
        );
        return;
      }
      this.slot.callSeries(o, code).value += 1;
      if (seconds !== undefined) {
        // `>= 0` is false for NaN too.
        if (seconds >= 0 && seconds !== Infinity) this.slot.durations[o]!.observe(seconds);
        else this.sink.instrumentationError(new RecordError(`seconds must be a finite number >= 0, got ${seconds}`));
      }
      if (tenant !== undefined) this.tenants.record(tenant, vendor, o);
    } catch (err) {
      this.sink.instrumentationError(err);
    }
  }

  /** Starts timing a call; `end({ outcome, code })` records it. */
  start(tenant?: string, vendor?: string): CallTimer {
    return new CallTimer(this, performance.now(), tenant, vendor);
  }
}
