import { LABELS, OTHER, REDACTED } from '../contract/names.js';
import { OUTCOME_COUNT, OUTCOMES } from '../contract/outcomes.js';
import { FamilySamples, type SampleLabels } from './FamilySamples.js';
import type { TenantTable } from './TenantTable.js';
import type { VendorTable } from './VendorTable.js';

const { tenant, vendor, outcome } = LABELS;
const TENANT_LABELS = [tenant, vendor, outcome];
const VENDOR_LABELS = [vendor, outcome];

/**
 * Tenants with a series of their own, by slot and outcome, then the `__other__` and
 * `__redacted__` rows by vendor and outcome; samples without calls are left out. Places: a
 * slot's outcomes first (capacity × 5), then the two rows, interleaved by vendor and outcome.
 */
export function tenantSamples(t: TenantTable, v: VendorTable, createdAt: number): FamilySamples {
  const size = t.size;
  const vendorNames = v.names.slice();
  const rowLength = vendorNames.length * OUTCOME_COUNT;
  const rows = t.capacity * OUTCOME_COUNT;
  const n =
    countTenantSamples(t.exported, t.counts, size) +
    countPositive(v.overflow, rowLength) +
    countPositive(v.redacted, rowLength);
  const values = new Float64Array(n);
  const places = new Int32Array(n);
  const ids = new Float64Array(n);
  let i = copyTenantSamples(t.exported, t.counts, t.serial, size, values, places, ids);
  i = copyRow(v.overflow, rowLength, rows, 0, values, places, ids, i);
  copyRow(v.redacted, rowLength, rows, 1, values, places, ids, i);
  // Copied: the table may give a slot to another tenant while an exporter still reads this.
  const lookup = new TenantLabels(
    places,
    rows,
    t.names.slice(0, size),
    t.vendor.slice(0, size),
    t.startedAt.slice(0, size),
    vendorNames,
    createdAt,
  );
  return new FamilySamples('tenantCalls', 'counter', TENANT_LABELS, n, values, places, ids, lookup);
}

/** Exact calls by vendor and outcome; outcomes without calls left out. */
export function vendorCallSamples(vendors: VendorTable, createdAt: number): FamilySamples {
  const vendorNames = vendors.names.slice();
  const counts = vendors.counts;
  const places: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < vendorNames.length * OUTCOME_COUNT; k++) {
    if (counts[k]! > 0) {
      places.push(k);
      values.push(counts[k]!);
    }
  }
  return new FamilySamples(
    'vendorCalls',
    'counter',
    VENDOR_LABELS,
    places.length,
    Float64Array.from(values),
    Int32Array.from(places),
    Float64Array.from(places),
    {
      label: (i, j) => {
        const k = places[i]!;
        return j === 0 ? vendorNames[(k / OUTCOME_COUNT) | 0]! : OUTCOMES[k % OUTCOME_COUNT]!;
      },
      startedAt: () => createdAt,
    },
  );
}

/** Samples of exported tenant slots: outcomes with calls. */
function countTenantSamples(exported: Uint8Array, counts: Float64Array, size: number): number {
  let n = 0;
  for (let s = 0; s < size; s++) {
    if (exported[s] !== 1) continue;
    const base = s * OUTCOME_COUNT;
    for (let o = 0; o < OUTCOME_COUNT; o++) if (counts[base + o]! > 0) n++;
  }
  return n;
}

function countPositive(row: Float64Array, length: number): number {
  let n = 0;
  for (let k = 0; k < length; k++) if (row[k]! > 0) n++;
  return n;
}

/** Writes the samples of exported tenant slots from index 0; returns the next index. */
function copyTenantSamples(
  exported: Uint8Array,
  counts: Float64Array,
  serial: Float64Array,
  size: number,
  values: Float64Array,
  places: Int32Array,
  ids: Float64Array,
): number {
  let i = 0;
  for (let s = 0; s < size; s++) {
    if (exported[s] !== 1) continue;
    const base = s * OUTCOME_COUNT;
    // A slot taken over by another tenant is a new series: its serial tells them apart.
    const id = serial[s]! * OUTCOME_COUNT;
    for (let o = 0; o < OUTCOME_COUNT; o++) {
      const value = counts[base + o]!;
      if (value > 0) {
        values[i] = value;
        places[i] = base + o;
        ids[i] = id + o;
        i++;
      }
    }
  }
  return i;
}

/** Writes one vendor row's samples from index i (`row` 0: __other__, 1: __redacted__); returns the next index. */
function copyRow(
  data: Float64Array,
  length: number,
  rows: number,
  row: number,
  values: Float64Array,
  places: Int32Array,
  ids: Float64Array,
  i: number,
): number {
  for (let k = 0; k < length; k++) {
    const value = data[k]!;
    if (value > 0) {
      values[i] = value;
      // A row's series never change hands: their place is their identity.
      places[i] = rows + 2 * k + row;
      ids[i] = rows + 2 * k + row;
      i++;
    }
  }
  return i;
}

/** Labels and start times of tenant samples, from the copies taken with them. */
class TenantLabels implements SampleLabels {
  constructor(
    private readonly places: Int32Array,
    /** First place of the __other__ and __redacted__ rows. */
    private readonly rows: number,
    private readonly names: string[],
    private readonly vendorOf: Int32Array,
    private readonly started: Float64Array,
    private readonly vendorNames: string[],
    private readonly createdAt: number,
  ) {}

  label(i: number, j: number): string {
    const p = this.places[i]!;
    if (p < this.rows) {
      const s = (p / OUTCOME_COUNT) | 0;
      if (j === 0) return this.names[s]!;
      return j === 1 ? this.vendorNames[this.vendorOf[s]!]! : OUTCOMES[p - s * OUTCOME_COUNT]!;
    }
    const k = (p - this.rows) >> 1;
    if (j === 0) return (p - this.rows) & 1 ? REDACTED : OTHER;
    return j === 1 ? this.vendorNames[(k / OUTCOME_COUNT) | 0]! : OUTCOMES[k % OUTCOME_COUNT]!;
  }

  startedAt(i: number): number {
    const p = this.places[i]!;
    return p < this.rows ? this.started[(p / OUTCOME_COUNT) | 0]! : this.createdAt;
  }
}
