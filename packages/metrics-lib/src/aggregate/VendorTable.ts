import { OUTCOME_COUNT } from '../contract/outcomes.js';
import type { LabelPolicy } from './LabelPolicy.js';
import { isPlaceholder, labelBytes, OTHER } from './LabelPolicy.js';

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
  /**
   * Index by exported name, one entry per name: a raw vendor that differs from its label (too
   * long, lone surrogates, another type) finds its entry through the policy, never as a key of its own.
   */
  private readonly index = new Map<string, number>();
  readonly names: string[] = [];
  counts = new Float64Array(16 * OUTCOME_COUNT);
  overflow = new Float64Array(16 * OUTCOME_COUNT);
  redacted = new Float64Array(16 * OUTCOME_COUNT);
  /** Bytes of vendor names kept, placeholders aside. */
  bytes = 0;

  constructor(
    private readonly maxVendors: number,
    private readonly maxBytes: number,
    private readonly policy: LabelPolicy,
  ) {}

  get size(): number {
    return this.names.length;
  }

  /** `n` calls (one unless said) of outcome `o` in vendor `v`'s exact calls: the one place that indexes the row. */
  count(v: number, o: number, n = 1): void {
    this.counts[v * OUTCOME_COUNT + o] += n;
  }

  /** Whether `vendor` (the raw value) finds its index without the label policy: a repeat costs no check. */
  known(vendor: unknown): boolean {
    return this.index.has((vendor === undefined ? UNKNOWN_VENDOR : vendor) as string);
  }

  /** Index of a vendor (any type; undefined is "unknown"), interning it on first sight. */
  intern(vendor: unknown): number {
    const key = vendor === undefined ? UNKNOWN_VENDOR : vendor;
    return this.index.get(key as string) ?? this.create(key);
  }

  private create(vendor: unknown): number {
    let label = this.policy.admit('vendor', vendor);
    const found = this.index.get(label);
    if (found !== undefined) return found;
    if (!isPlaceholder(label)) {
      const bytes = labelBytes(label);
      if (this.names.length >= this.maxVendors || this.bytes + bytes > this.maxBytes) {
        label = OTHER;
        const other = this.index.get(OTHER);
        if (other !== undefined) return other;
      } else {
        this.bytes += bytes;
      }
    }
    const v = this.names.length;
    this.names.push(label);
    this.index.set(label, v);
    if ((v + 1) * OUTCOME_COUNT > this.counts.length) {
      this.counts = grow(this.counts);
      this.overflow = grow(this.overflow);
      this.redacted = grow(this.redacted);
    }
    return v;
  }
}

function grow(row: Float64Array): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(row.length * 2);
  grown.set(row);
  return grown;
}
