import { INSTRUMENTATION_ERROR_REASONS, LABELS, OTHER, REDACTED } from '../contract/names.js';
import { OUTCOME_COUNT, OUTCOMES } from '../contract/outcomes.js';
import type { AggregateReader } from './AggregateReader.js';
import type { CallSeries } from './CallSeries.js';
import type { CallTable } from './CallTable.js';
import { FamilySamples, type SampleLabels } from './FamilySamples.js';
import type { FamilyKey, FamilyNames } from './familyKeys.js';
import type { Histogram } from './Histogram.js';
import { histogramSamples, resetHistograms } from './histogramSamples.js';
import type { PipelineTable } from './PipelineTable.js';
import { pipelineSamples, resetPipelineFamily } from './pipelineSamples.js';
import type { Redactions } from './Redactions.js';
import type { TenantTable } from './TenantTable.js';
import type { VendorCallTable } from './VendorCallTable.js';
import type { VendorTable } from './VendorTable.js';
import { vendorCodeSamples, vendorDurationSamples } from './vendorSamples.js';

const { operation, outcome, code, tenant, vendor, label, reason } = LABELS;
const CALL_LABELS = [operation, outcome, code];
const DURATION_LABELS = [operation, outcome];
const TENANT_LABELS = [tenant, vendor, outcome];
const VENDOR_LABELS = [vendor, outcome];
const REDACTION_LABELS = [label];
const REASON_LABELS = [reason];

/** What an Aggregate is made of: the tables CareMetrics records into, and where it reports. */
export interface AggregateParts {
  service: string;
  names: FamilyNames;
  bounds: Float64Array;
  calls: CallTable;
  tenants: TenantTable;
  vendors: VendorTable;
  vendorCalls: VendorCallTable;
  pipelines: PipelineTable;
  redactions: Redactions;
  /** care_instrumentation_errors_total by reason, indexed as INSTRUMENTATION_ERROR_REASONS. */
  errors: Float64Array;
  onExportError: (family: string, error: unknown) => void;
}

/**
 * Everything a CareMetrics counted, and the AggregateReader over it. Recording writes the tables
 * directly (the hot path goes through nothing else); every reader gets FamilySamples, copies made
 * here, so only this file knows how the tables are laid out.
 */
export class Aggregate implements AggregateReader {
  readonly service: string;
  readonly names: FamilyNames;
  readonly bounds: Float64Array;
  readonly createdAt = Date.now();
  readonly calls: CallTable;
  readonly tenants: TenantTable;
  readonly vendors: VendorTable;
  readonly vendorCalls: VendorCallTable;
  readonly pipelines: PipelineTable;
  readonly redactions: Redactions;
  readonly errors: Float64Array;
  private readonly onExportError: (family: string, error: unknown) => void;
  /** Redacted label names by first sight: their places, which a reset must not hand to another. */
  private readonly redactionPlaces = new Map<string, number>();

  constructor(parts: AggregateParts) {
    this.service = parts.service;
    this.names = parts.names;
    this.bounds = parts.bounds;
    this.calls = parts.calls;
    this.tenants = parts.tenants;
    this.vendors = parts.vendors;
    this.vendorCalls = parts.vendorCalls;
    this.pipelines = parts.pipelines;
    this.redactions = parts.redactions;
    this.errors = parts.errors;
    this.onExportError = parts.onExportError;
  }

  family(key: FamilyKey): FamilySamples {
    switch (key) {
      case 'calls':
        return this.callSamples();
      case 'callDuration':
        return this.durationSamples();
      case 'tenantCalls':
        return this.tenantSamples();
      case 'vendorCalls':
        return this.vendorSamples();
      case 'tenantOverflow':
        return this.fixed(key, [], [this.tenants.overflowTotal], () => '');
      case 'labelRedactions':
        return this.redactionSamples();
      case 'instrumentationErrors':
        // Every reason at zero from the start, so an alert on increase() sees the first error.
        return this.fixed(key, REASON_LABELS, this.errors, (i) => INSTRUMENTATION_ERROR_REASONS[i]!);
      case 'vendorCodes':
        return vendorCodeSamples(this.vendorCalls, this.createdAt);
      case 'vendorCallDuration':
        return vendorDurationSamples(this.vendorCalls, this.bounds, this.createdAt);
      default:
        return pipelineSamples(key, this.pipelines, this.createdAt, Date.now());
    }
  }

  reset(key: FamilyKey): void {
    switch (key) {
      case 'calls':
        for (const slot of this.calls.slots) for (const s of slot.series) s.value = 0;
        break;
      case 'callDuration':
        for (const slot of this.calls.slots) resetHistograms(slot.durations);
        break;
      case 'tenantCalls':
        this.tenants.counts.fill(0);
        this.vendors.overflow.fill(0);
        this.vendors.redacted.fill(0);
        break;
      case 'vendorCalls':
        this.vendors.counts.fill(0);
        break;
      case 'tenantOverflow':
        this.tenants.overflowTotal = 0;
        break;
      case 'labelRedactions':
        this.redactions.counts.clear();
        break;
      case 'instrumentationErrors':
        this.errors.fill(0);
        break;
      case 'vendorCodes':
        for (const c of this.vendorCalls.codeSeries) c.value = 0;
        break;
      case 'vendorCallDuration':
        resetHistograms(this.vendorCalls.histograms);
        break;
      default:
        resetPipelineFamily(key, this.pipelines);
    }
  }

  get hasPipelines(): boolean {
    return this.pipelines.stages.length > 0;
  }

  exportError(key: FamilyKey, error: unknown): void {
    this.onExportError(this.names[key], error);
  }

  /** Every call series, zeros too, in the order their operations and then they were created. */
  private callSamples(): FamilySamples {
    const series: CallSeries[] = [];
    for (const slot of this.calls.slots) for (const s of slot.series) series.push(s);
    const n = series.length;
    const values = new Float64Array(n);
    const places = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const s = series[i]!;
      values[i] = s.value;
      places[i] = s.place;
    }
    // A call series keeps its place for the aggregate's life: its place is its identity.
    return new FamilySamples('calls', 'counter', CALL_LABELS, n, values, places, Float64Array.from(places), {
      label: (i, j) => {
        const s = series[i]!;
        return j === 0 ? s.operation : j === 1 ? OUTCOMES[s.outcome]! : s.code;
      },
      startedAt: () => this.createdAt,
    });
  }

  /** Every duration histogram (each operation has one per outcome from its first call). */
  private durationSamples(): FamilySamples {
    const hs: Histogram[] = [];
    for (const slot of this.calls.slots) for (const h of slot.durations) hs.push(h);
    return histogramSamples('callDuration', DURATION_LABELS, hs, this.bounds, {
      label: (i, j) => (j === 0 ? hs[i]!.operation : OUTCOMES[hs[i]!.outcome]!),
      startedAt: () => this.createdAt,
    });
  }

  /**
   * Tenants with a series of their own, by slot and outcome, then the `__other__` and
   * `__redacted__` rows by vendor and outcome; samples without calls are left out. Places: a
   * slot's outcomes first (capacity × 5), then the two rows, interleaved by vendor and outcome.
   */
  private tenantSamples(): FamilySamples {
    const t = this.tenants;
    const v = this.vendors;
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
      this.createdAt,
    );
    return new FamilySamples('tenantCalls', 'counter', TENANT_LABELS, n, values, places, ids, lookup);
  }

  /** Exact calls by vendor and outcome; outcomes without calls left out. */
  private vendorSamples(): FamilySamples {
    const vendorNames = this.vendors.names.slice();
    const counts = this.vendors.counts;
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
        startedAt: () => this.createdAt,
      },
    );
  }

  private redactionSamples(): FamilySamples {
    const labels: string[] = [];
    const values: number[] = [];
    const places: number[] = [];
    for (const [name, value] of this.redactions.counts) {
      let place = this.redactionPlaces.get(name);
      if (place === undefined) {
        place = this.redactionPlaces.size;
        this.redactionPlaces.set(name, place);
      }
      labels.push(name);
      values.push(value);
      places.push(place);
    }
    return new FamilySamples(
      'labelRedactions',
      'counter',
      REDACTION_LABELS,
      labels.length,
      Float64Array.from(values),
      Int32Array.from(places),
      Float64Array.from(places),
      { label: (i) => labels[i]!, startedAt: () => this.createdAt },
    );
  }

  /** A family whose series are fixed from the start: one per element of `values`. */
  private fixed(
    key: FamilyKey,
    labelNames: readonly string[],
    values: ArrayLike<number>,
    label: (i: number) => string,
  ): FamilySamples {
    const n = values.length;
    const places = new Int32Array(n);
    for (let i = 0; i < n; i++) places[i] = i;
    return new FamilySamples(
      key,
      'counter',
      labelNames,
      n,
      Float64Array.from(values),
      places,
      Float64Array.from(places),
      {
        label,
        startedAt: () => this.createdAt,
      },
    );
  }
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
