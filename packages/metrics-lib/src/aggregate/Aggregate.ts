import { INSTRUMENTATION_ERROR_REASONS, LABELS } from '../contract/names.js';
import { OUTCOMES } from '../contract/outcomes.js';
import type { AggregateReader } from './AggregateReader.js';
import type { CallSeries } from './CallSeries.js';
import type { CallTable } from './CallTable.js';
import { FamilySamples } from './FamilySamples.js';
import type { FamilyKey, FamilyNames } from './familyKeys.js';
import type { Histogram } from './Histogram.js';
import { histogramSamples, resetHistograms } from './histogramSamples.js';
import type { PipelineTable } from './PipelineTable.js';
import { pipelineSamples, resetPipelineFamily } from './pipelineSamples.js';
import type { Redactions } from './Redactions.js';
import type { TenantTable } from './TenantTable.js';
import { tenantSamples, vendorCallSamples } from './tenantSamples.js';
import type { VendorCallTable } from './VendorCallTable.js';
import type { VendorTable } from './VendorTable.js';
import { vendorCodeSamples, vendorDurationSamples } from './vendorSamples.js';

const { operation, outcome, code, label, reason } = LABELS;
const CALL_LABELS = [operation, outcome, code];
const DURATION_LABELS = [operation, outcome];
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
 * here and in the samples files beside it (tenantSamples, vendorSamples, pipelineSamples), so only
 * the aggregate folder knows how the tables are laid out.
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
        return tenantSamples(this.tenants, this.vendors, this.createdAt);
      case 'vendorCalls':
        return vendorCallSamples(this.vendors, this.createdAt);
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
