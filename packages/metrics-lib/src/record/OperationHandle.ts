import { describeValue, UNREADABLE } from '../aggregate/labelValue.js';
import type { OperationSlot } from '../aggregate/OperationSlot.js';
import type { TenantTable } from '../aggregate/TenantTable.js';
import type { VendorCallTable } from '../aggregate/VendorCallTable.js';
import type { InstrumentationErrorReason } from '../contract/names.js';
import { OUTCOMES, type Outcome, outcomeIndex } from '../contract/outcomes.js';
import { CallTimer } from './CallTimer.js';
import type { Duration, LabelValue } from './LabelValue.js';

export type { Duration, LabelValue } from './LabelValue.js';

/** Where a handle reports what it could not record (owned by CareMetrics). */
export interface RecordSink {
  instrumentationError(error: unknown, reason?: InstrumentationErrorReason): void;
  /** Counts a value that could not be recorded; the message is built only if it is shown. */
  reject(reason: InstrumentationErrorReason, message: () => string): void;
}

/**
 * A pre-bound operation: the hot path. `record` touches one counter, one histogram cell, with a
 * tenant one tenant slot, and with a vendor that vendor's histogram cell (and, for a failed call,
 * its code counter); it never throws (failures are counted).
 */
export class OperationHandle {
  constructor(
    private readonly slot: OperationSlot,
    private readonly tenants: TenantTable,
    private readonly vendorCalls: VendorCallTable,
    private readonly sink: RecordSink,
  ) {}

  get operation(): string {
    return this.slot.name;
  }

  /**
   * Records one finished call. Arguments are checked at run time whatever their declared types.
   * @param seconds duration; omit when unknown (the call is still counted).
   * @param code HTTP status, gRPC code or reason such as "no_contract".
   * @param tenant pharmacy, hospital or practice id (never a patient id: the guard redacts those).
   */
  record(outcome: Outcome, seconds?: Duration, code?: LabelValue, tenant?: LabelValue, vendor?: LabelValue): void {
    try {
      // typeof first: outcomeIndex's switch on a non-string would still be correct, but slower.
      const o = typeof outcome === 'string' ? outcomeIndex(outcome) : -1;
      if (o < 0) {
        this.badOutcome(outcome);
        return;
      }
      const series = this.slot.callSeries(o, code);
      series.value += 1;
      // Seconds as observed, or -1: the vendor's histogram takes what the operation's took.
      let observed = -1;
      if (seconds !== undefined) {
        // `>= 0` is false for NaN too.
        if (typeof seconds === 'number' && seconds >= 0 && seconds !== Infinity) {
          this.slot.durations[o]!.observe(seconds);
          observed = seconds;
        } else observed = this.observeOther(o, seconds);
      }
      let v = -1;
      if (tenant !== undefined) v = this.tenants.record(tenant, vendor, o);
      else if (vendor !== undefined) v = this.vendorCalls.record(vendor, o);
      if (v >= 0) {
        const vo = this.slot.byVendor[v] ?? this.vendorCalls.operation(this.slot.byVendor, this.slot.name, v);
        if (vo !== undefined) {
          if (observed >= 0) vo.duration.observe(observed);
          // Index 0 is success: only failed calls carry the codes a partner looks for.
          if (o !== 0) (vo.codes.get(series) ?? this.vendorCalls.code(vo, series)).value += 1;
        }
      }
    } catch (err) {
      this.sink.instrumentationError(err);
    }
  }

  /**
   * Records `count` finished calls alike (same outcome, duration, code, tenant and vendor): every
   * series reads as after `count` calls of `record`, at the cost of one. For replaying counted
   * calls (logwatch's checkpoint after a restart, a batch from an aggregating proxy). The first call
   * goes through `record`, so a value met for the first time pays the label policy (and its
   * redaction count) as usual; when a value is one the policy does not keep (a redacted or capped
   * tenant, code or vendor) or a duration `record` refuses, every call is recorded on its own, as
   * those checks count per call.
   * @param count calls, a safe integer >= 1; anything else is counted as an instrumentation error.
   */
  recordMany(
    count: number,
    outcome: Outcome,
    seconds?: Duration,
    code?: LabelValue,
    tenant?: LabelValue,
    vendor?: LabelValue,
  ): void {
    if (!Number.isSafeInteger(count) || count < 1) {
      this.sink.reject('input', () => `recordMany's count must be a whole number >= 1, got ${describeValue(count)}`);
      return;
    }
    this.record(outcome, seconds, code, tenant, vendor);
    let rest = count - 1;
    if (rest === 0) return;
    try {
      const o = typeof outcome === 'string' ? outcomeIndex(outcome) : -1;
      const observed = seconds === undefined ? -1 : secondsOf(seconds);
      const kept =
        o >= 0 &&
        (seconds === undefined || observed >= 0) &&
        (code === undefined || this.slot.byCode[o]!.has(code)) &&
        (tenant !== undefined
          ? this.tenants.slot(tenant as string) !== undefined
          : vendor === undefined || this.vendorCalls.known(vendor));
      if (!kept) {
        for (; rest > 0; rest--) this.record(outcome, seconds, code, tenant, vendor);
        return;
      }
      this.addMany(o, rest, observed, code, tenant, vendor);
    } catch (err) {
      this.sink.instrumentationError(err);
    }
  }

  /** Starts timing a call; `end({ outcome, code })` records it. */
  start(tenant?: LabelValue, vendor?: LabelValue): CallTimer {
    return new CallTimer(this, performance.now(), tenant, vendor);
  }

  /** Counts a call that could not be recorded at all (CallTimer's bad `end()` argument). */
  reject(reason: InstrumentationErrorReason, message: () => string): void {
    this.sink.reject(reason, message);
  }

  /** `record`'s steps for `n` calls whose every value is already kept (see recordMany); `observed` -1 for none. */
  private addMany(o: number, n: number, observed: number, code: unknown, tenant: unknown, vendor: unknown): void {
    const series = this.slot.callSeries(o, code);
    series.value += n;
    if (observed >= 0) this.slot.durations[o]!.observeMany(observed, n);
    let v = -1;
    if (tenant !== undefined) v = this.tenants.recordMany(tenant, o, n);
    else if (vendor !== undefined) v = this.vendorCalls.record(vendor, o, n);
    if (v >= 0) {
      const vo = this.slot.byVendor[v] ?? this.vendorCalls.operation(this.slot.byVendor, this.slot.name, v);
      if (vo !== undefined) {
        if (observed >= 0) vo.duration.observeMany(observed, n);
        if (o !== 0) (vo.codes.get(series) ?? this.vendorCalls.code(vo, series)).value += n;
      }
    }
  }

  private badOutcome(outcome: unknown): void {
    this.sink.reject(outcome === UNREADABLE ? 'input' : 'outcome', () => {
      // Shown only when it cannot be patient data: a short word of lower-case letters.
      const shown = typeof outcome === 'string' && outcome.length <= 32 && /^[a-z_]*$/.test(outcome);
      return `outcome must be one of ${OUTCOMES.join(', ')}; got ${shown ? JSON.stringify(outcome) : describeValue(outcome)}`;
    });
  }

  /**
   * Bigint nanoseconds (returns the seconds observed), or a counted error (returns -1): the call
   * stays counted, without a duration.
   */
  private observeOther(o: number, seconds: unknown): number {
    if (typeof seconds === 'bigint' && seconds >= 0n) {
      const s = Number(seconds) / 1e9;
      if (s !== Infinity) {
        this.slot.durations[o]!.observe(s);
        return s;
      }
    }
    this.sink.reject(
      seconds === UNREADABLE ? 'input' : 'duration',
      () =>
        'seconds must be a finite number >= 0 (or bigint nanoseconds >= 0n), got ' +
        `${typeof seconds === 'number' ? String(seconds) : describeValue(seconds)}; the call was counted without its duration`,
    );
    return -1;
  }
}

/** The seconds `record` observes for a duration, or -1 for one it refuses (and counts). */
function secondsOf(seconds: unknown): number {
  if (typeof seconds === 'number') return seconds >= 0 && seconds !== Infinity ? seconds : -1;
  if (typeof seconds === 'bigint' && seconds >= 0n) {
    const s = Number(seconds) / 1e9;
    return s !== Infinity ? s : -1;
  }
  return -1;
}
