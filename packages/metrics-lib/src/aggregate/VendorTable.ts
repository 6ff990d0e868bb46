import { OUTCOME_COUNT } from '../contract/outcomes.js';
import type { LabelPolicy } from './LabelPolicy.js';
import { OTHER, REDACTED } from './LabelPolicy.js';

/** Vendor label when neither the call nor `tenants.vendorOf` names one. */
export const UNKNOWN_VENDOR = 'unknown';

/**
 * Software vendors, interned to small indexes, with three rows each, by outcome:
 * - `counts`: exact calls (`care_vendor_calls_total`), whatever happens to tenant series — the
 *   vendor is who an operator calls when "every pharmacy on one system" fails;
 * - `overflow`: calls of tenants without a series of their own (`tenant="__other__"`);
 * - `redacted`: calls whose tenant id looked like patient data (`tenant="__redacted__"`).
 * Each row is indexed [vendor * OUTCOME_COUNT + outcome].
 */
export class VendorTable {
  private readonly index = new Map<string, number>();
  readonly names: string[] = [];
  counts = new Float64Array(16 * OUTCOME_COUNT);
  overflow = new Float64Array(16 * OUTCOME_COUNT);
  redacted = new Float64Array(16 * OUTCOME_COUNT);

  constructor(
    private readonly maxVendors: number,
    private readonly policy: LabelPolicy,
  ) {}

  get size(): number {
    return this.names.length;
  }

  /** Index of a vendor, interning it on first sight. */
  intern(vendor: string | undefined): number {
    const v = this.index.get(vendor ?? UNKNOWN_VENDOR);
    return v ?? this.create(vendor ?? UNKNOWN_VENDOR);
  }

  private create(vendor: string): number {
    const label = this.names.length >= this.maxVendors ? OTHER : this.policy.admit('vendor', vendor);
    let v = this.names.indexOf(label);
    if (v < 0) {
      v = this.names.length;
      this.names.push(label);
      if ((v + 1) * OUTCOME_COUNT > this.counts.length) {
        this.counts = grow(this.counts);
        this.overflow = grow(this.overflow);
        this.redacted = grow(this.redacted);
      }
    }
    if (label !== REDACTED && label !== OTHER) this.index.set(vendor, v);
    return v;
  }
}

function grow(row: Float64Array): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(row.length * 2);
  grown.set(row);
  return grown;
}
