import { OUTCOME_COUNT } from '../contract/outcomes.js';
import type { LabelPolicy } from './LabelPolicy.js';
import { INVALID, labelBytes, OTHER, REDACTED } from './LabelPolicy.js';
import type { VendorTable } from './VendorTable.js';

export interface TenantTableOptions {
  /** Most tenants holding a series at once (and tracked at all). */
  capacity: number;
  /**
   * Most bytes of tenant ids tracked at once: a newcomer that would pass it takes the slot of the
   * tenant with the smallest estimate instead of a free one, so long ids cost slots, not memory;
   * one that would pass it even so is counted in its vendor's overflow row.
   */
  maxBytes: number;
  /**
   * Calls a newcomer must make, counted exactly, before it takes a series from a full table.
   * Keeps one-off ids (a scan, a bug) from churning series while a real heavy hitter gets in
   * within seconds.
   */
  promoteAfter: number;
  /** Resolves a tenant's vendor on first sight when the call did not name one. */
  vendorOf?: ((tenant: string) => unknown) | undefined;
}

/**
 * Who holds one of the capped tenant series, decided by Space-Saving (Metwally, Agrawal,
 * El Abbadi 2005): the table tracks `capacity` tenants with a count estimate; a newcomer to a
 * full table replaces the tenant with the smallest estimate and inherits it as its error bound.
 * Any tenant whose true rate exceeds total/capacity is guaranteed a slot, however late it comes —
 * a pharmacy that starts hammering the hub after 10,000 others were seen still gets its own series.
 *
 * The smallest estimate is found with a binary min-heap over slot indexes; a hit increments the
 * estimate and sifts down, which for the common tenants (near the leaves) is one comparison.
 */
export class TenantTable {
  /**
   * Slot by exported tenant label, one key per slot: ids are found by their label, so two raw ids
   * with one label (a number and its text, two objects) share one series, and an id that differs
   * from its label (too long, lone surrogates) is never kept as a key of its own.
   */
  private readonly slotOf = new Map<string, number>();
  /** Exported label per slot (also its key in slotOf). */
  readonly names: string[] = [];
  /** Bytes of the labels tracked. */
  bytes = 0;
  private resolving = false;
  readonly vendor: Int32Array;
  readonly estimate: Float64Array;
  readonly error: Float64Array;
  /** 1 when the slot's tenant has a series of its own. */
  readonly exported: Uint8Array;
  /** counts[slot * OUTCOME_COUNT + outcome]: calls since the tenant got its series. */
  readonly counts: Float64Array;
  /** When each slot's current series started (ms since epoch), for cumulative OTel points. */
  readonly startedAt: Float64Array;
  /** Per slot, a number that changes whenever the slot changes tenant: its series' identity. */
  readonly serial: Float64Array;
  private serials = 0;
  private readonly heap: Int32Array;
  private readonly heapPos: Int32Array;
  size = 0;
  overflowTotal = 0;
  evictions = 0;

  constructor(
    private readonly options: TenantTableOptions,
    private readonly vendors: VendorTable,
    private readonly policy: LabelPolicy,
    private readonly onVendorError: (err: unknown) => void,
  ) {
    const n = options.capacity;
    this.vendor = new Int32Array(n);
    this.estimate = new Float64Array(n);
    this.error = new Float64Array(n);
    this.exported = new Uint8Array(n);
    this.counts = new Float64Array(n * OUTCOME_COUNT);
    this.startedAt = new Float64Array(n);
    this.serial = new Float64Array(n);
    this.heap = new Int32Array(n);
    this.heapPos = new Int32Array(n);
  }

  get capacity(): number {
    return this.options.capacity;
  }

  /** Count one call of `tenant` (any type) with outcome index `o`; returns its vendor's index. */
  record(tenant: unknown, vendor: unknown, o: number): number {
    // Map.get with a key of another type simply misses: the common string id is one lookup.
    const s = this.slotOf.get(tenant as string);
    return s === undefined ? this.insert(tenant, vendor, o) : this.hit(s, o);
  }

  /**
   * `n` more calls of a tenant that holds a slot under this very value (`held`): what `hit` n
   * times gives. The estimate rises by n and sifts down the same chain of smallest children n
   * single steps would; of the calls of a tenant still without a series, those before the one that
   * reaches `promoteAfter` go to the overflow row, as they would one by one. Returns the vendor's
   * index, or -1 when the tenant holds no slot (then record each call on its own).
   */
  recordMany(tenant: unknown, o: number, n: number): number {
    const s = this.slotOf.get(tenant as string);
    if (s === undefined) return -1;
    const v = this.vendor[s]!;
    this.vendors.count(v, o, n);
    const before = this.estimate[s]! - this.error[s]!;
    this.estimate[s] += n;
    this.siftDown(this.heapPos[s]!);
    let counted = n;
    if (this.exported[s] !== 1) {
      // Calls i = 1…n with before + i < promoteAfter stay in the overflow row.
      const waiting = Math.min(n, Math.max(0, Math.ceil(this.options.promoteAfter - before) - 1));
      this.vendors.overflow[v * OUTCOME_COUNT + o] += waiting;
      this.overflowTotal += waiting;
      counted = n - waiting;
      if (counted > 0) {
        this.exported[s] = 1;
        this.startedAt[s] = Date.now();
      }
    }
    if (counted > 0) this.counts[s * OUTCOME_COUNT + o] += counted;
    return v;
  }

  /** The slot a tenant holds, if any (tests and the heavy-hitter report). */
  slot(tenant: string): number | undefined {
    return this.slotOf.get(tenant);
  }

  private hit(s: number, o: number): number {
    const v = this.vendor[s]!;
    this.vendors.count(v, o);
    this.estimate[s] += 1;
    this.siftDown(this.heapPos[s]!);
    if (this.exported[s] === 1) {
      this.counts[s * OUTCOME_COUNT + o] += 1;
    } else if (this.estimate[s]! - this.error[s]! >= this.options.promoteAfter) {
      this.exported[s] = 1;
      this.startedAt[s] = Date.now();
      this.counts[s * OUTCOME_COUNT + o] += 1;
    } else {
      this.vendors.overflow[v * OUTCOME_COUNT + o] += 1;
      this.overflowTotal += 1;
    }
    return v;
  }

  private insert(tenant: unknown, vendor: unknown, o: number): number {
    const label = this.policy.admit('tenant', tenant);
    const found = this.slotOf.get(label);
    if (found !== undefined) return this.hit(found, o);
    const v = this.vendors.intern(vendor === undefined ? this.resolveVendor(label) : vendor);
    // vendorOf, an extra PII detector or onWarning may have recorded this tenant meanwhile.
    const added = this.slotOf.get(label);
    if (added !== undefined) return this.hit(added, o);
    if (label === REDACTED || label === OTHER) {
      // Never tracked: the raw id must not stay in memory as a key. A tenant literally named
      // "__other__" joins the overflow row rather than minting a second series with its labels.
      const row = label === REDACTED ? this.vendors.redacted : this.vendors.overflow;
      this.vendors.count(v, o);
      row[v * OUTCOME_COUNT + o] += 1;
      if (label === OTHER) this.overflowTotal += 1;
      return v;
    }
    const bytes = labelBytes(label);
    let s: number;
    if (this.size < this.options.capacity && (this.size === 0 || this.bytes + bytes <= this.options.maxBytes)) {
      s = this.size++;
      this.heap[s] = s;
      this.heapPos[s] = s;
      this.estimate[s] = 0;
      this.error[s] = 0;
      this.siftUp(s);
      // Room left: every tenant gets its series at once, as an operator expects below the cap.
      this.exported[s] = 1;
      this.startedAt[s] = Date.now();
    } else {
      s = this.heap[0]!;
      const old = this.names[s]!;
      // A newcomer longer than the id it would replace must not carry the table past its byte cap
      // (replacements would add up): it is counted in its vendor's overflow row, as "__other__" is.
      if (this.bytes - labelBytes(old) + bytes > this.options.maxBytes) {
        this.vendors.count(v, o);
        this.vendors.overflow[v * OUTCOME_COUNT + o] += 1;
        this.overflowTotal += 1;
        return v;
      }
      this.slotOf.delete(old);
      this.bytes -= labelBytes(old);
      this.evictions++;
      this.error[s] = this.estimate[s]!;
      this.exported[s] = 0;
      this.counts.fill(0, s * OUTCOME_COUNT, (s + 1) * OUTCOME_COUNT);
    }
    this.bytes += bytes;
    this.names[s] = label;
    this.serial[s] = ++this.serials;
    this.vendor[s] = v;
    this.slotOf.set(label, s);
    return this.hit(s, o);
  }

  private resolveVendor(tenant: string): unknown {
    const vendorOf = this.options.vendorOf;
    // A vendorOf that records calls itself would recurse without end: nested calls go without.
    if (vendorOf === undefined || this.resolving) return undefined;
    this.resolving = true;
    try {
      const vendor = vendorOf(tenant);
      return vendor === null || vendor === '' ? undefined : vendor;
    } catch (err) {
      this.onVendorError(err);
      return INVALID;
    } finally {
      this.resolving = false;
    }
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const est = this.estimate;
    const pos = this.heapPos;
    const n = this.size;
    const s = heap[i]!;
    const e = est[s]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && est[heap[r]!]! < est[heap[l]!]! ? r : l;
      const child = heap[c]!;
      if (est[child]! >= e) break;
      heap[i] = child;
      pos[child] = i;
      i = c;
    }
    heap[i] = s;
    pos[s] = i;
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const est = this.estimate;
    const pos = this.heapPos;
    const s = heap[i]!;
    const e = est[s]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p]!;
      if (est[parent]! <= e) break;
      heap[i] = parent;
      pos[parent] = i;
      i = p;
    }
    heap[i] = s;
    pos[s] = i;
  }
}
