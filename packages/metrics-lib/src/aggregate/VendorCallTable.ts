import { VENDOR_BREAKDOWN } from '../contract/vendors.js';
import type { CallSeries } from './CallSeries.js';
import { Histogram } from './Histogram.js';
import { OTHER } from './LabelPolicy.js';
import { UNKNOWN_VENDOR, type VendorTable } from './VendorTable.js';

/** One `care_vendor_codes_total` series: a vendor's failed calls of one operation with one code. */
export class VendorCodeSeries {
  value = 0;

  constructor(
    /** Order of creation: the series' identity (these series are never evicted). */
    readonly place: number,
    readonly operation: string,
    readonly vendor: string,
    readonly code: string,
  ) {}
}

/** A vendor's latency histogram of one operation, with the vendor's label beside it. */
export class VendorHistogram extends Histogram {
  constructor(
    place: number,
    bounds: Float64Array,
    operation: string,
    readonly vendor: string,
  ) {
    super(place, bounds, operation, 0);
  }
}

/** What one vendor records for one operation: its histogram and its code series by call series. */
export class VendorOperation {
  /** Call series (operation, outcome, code as admitted) → the vendor's code series. */
  readonly codes = new Map<CallSeries, VendorCodeSeries>();

  constructor(readonly duration: VendorHistogram) {}
}

/** Everything one vendor holds, found by label text on the slow path so no label set repeats. */
class VendorState {
  readonly histograms = new Map<string, VendorHistogram>();
  readonly codes = new Map<string, VendorCodeSeries>();
  /** Operations past VENDOR_BREAKDOWN.operationsPerVendor share this one (operation "__other__"). */
  otherOperation: VendorOperation | undefined;

  constructor(readonly label: string) {}
}

/**
 * care_vendor_codes_total and care_vendor_call_duration_seconds: each vendor's own failed calls
 * by code and latency by operation, what a partner view of that vendor reads. Vendors are the
 * VendorTable's indexes; the caps are the contract's (VENDOR_BREAKDOWN), so the families stay
 * bounded whatever callers send: at most vendors × (operations + 1) histograms and
 * vendors × (codes + 1) code series, plus the `__other__` vendor's.
 *
 * Label values come already admitted (the operation slot's name, the call series' code, the
 * vendor table's name): no value is checked by the PII guard twice, nor counted as redacted twice.
 */
export class VendorCallTable {
  /** By vendor index: its state; null for calls without a vendor ("unknown"), not recorded here. */
  private readonly states: (VendorState | null | undefined)[] = [];
  private readonly byLabel = new Map<string, VendorState>();
  readonly histograms: VendorHistogram[] = [];
  readonly codeSeries: VendorCodeSeries[] = [];

  constructor(
    private readonly vendors: VendorTable,
    private readonly bounds: Float64Array,
  ) {}

  /**
   * Counts a call that names its vendor but no tenant (the tenant table counts the others) in the
   * vendor's exact calls, and returns the vendor's index: an integration that sends only its
   * vendor header is still that vendor's traffic when "every pharmacy on one system" fails.
   */
  record(vendor: unknown, o: number, n = 1): number {
    const v = this.vendors.intern(vendor);
    this.vendors.count(v, o, n);
    return v;
  }

  /** Whether a call of `vendor` is counted without the label policy (see OperationHandle.recordMany). */
  known(vendor: unknown): boolean {
    return this.vendors.known(vendor);
  }

  /**
   * The vendor's record of an operation (`byVendor` is the operation slot's, indexed by vendor),
   * or undefined when the call has no vendor. Created on first sight (the slow path).
   */
  operation(byVendor: (VendorOperation | undefined)[], operation: string, v: number): VendorOperation | undefined {
    const found = byVendor[v];
    if (found !== undefined) return found;
    const state = this.state(v);
    if (state === null) return undefined;
    let vo: VendorOperation;
    if (state.histograms.has(operation) || state.histograms.size < VENDOR_BREAKDOWN.operationsPerVendor) {
      vo = new VendorOperation(this.histogram(state, operation));
    } else {
      state.otherOperation ??= new VendorOperation(this.histogram(state, OTHER));
      vo = state.otherOperation;
    }
    byVendor[v] = vo;
    return vo;
  }

  /** The vendor's code series for a failed call of `series` (created on first sight). */
  code(vo: VendorOperation, series: CallSeries): VendorCodeSeries {
    const found = vo.codes.get(series);
    if (found !== undefined) return found;
    const vendor = vo.duration.vendor;
    const state = this.byLabel.get(vendor)!;
    let operation = vo.duration.operation;
    let code = series.code;
    if (!state.codes.has(key(operation, code)) && state.codes.size >= VENDOR_BREAKDOWN.codesPerVendor) {
      operation = OTHER;
      code = OTHER;
    }
    let s = state.codes.get(key(operation, code));
    if (s === undefined) {
      s = new VendorCodeSeries(this.codeSeries.length, operation, vendor, code);
      this.codeSeries.push(s);
      // The overflow series is not counted against the cap it stands for.
      state.codes.set(key(operation, code), s);
    }
    vo.codes.set(series, s);
    return s;
  }

  private state(v: number): VendorState | null {
    const known = this.states[v];
    if (known !== undefined) return known;
    const name = this.vendors.names[v]!;
    let state: VendorState | null = null;
    if (name !== UNKNOWN_VENDOR) {
      // Past the cap, vendors share the `__other__` state, as in the vendor table itself.
      const label = this.byLabel.has(name) || this.byLabel.size < VENDOR_BREAKDOWN.vendors ? name : OTHER;
      state = this.byLabel.get(label) ?? new VendorState(label);
      this.byLabel.set(label, state);
    }
    this.states[v] = state;
    return state;
  }

  private histogram(state: VendorState, operation: string): VendorHistogram {
    let h = state.histograms.get(operation);
    if (h === undefined) {
      h = new VendorHistogram(this.histograms.length, this.bounds, operation, state.label);
      this.histograms.push(h);
      state.histograms.set(operation, h);
    }
    return h;
  }
}

function key(operation: string, code: string): string {
  return `${operation}\u0000${code}`;
}
