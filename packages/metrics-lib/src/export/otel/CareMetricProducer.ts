import { type Attributes, type HrTime, ValueType } from '@opentelemetry/api';
import {
  AggregationTemporality,
  type CollectionResult,
  type DataPoint,
  DataPointType,
  type Histogram,
  type MetricCollectOptions,
  type MetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import { INSTRUMENTATION_ERROR_REASONS, OTHER, REDACTED } from '../../contract/names.js';
import { type OtelInstrument, type OtelInstruments, otelInstruments } from '../../contract/otel.js';
import { OUTCOME_COUNT, OUTCOMES } from '../../contract/outcomes.js';
import type { CareMetrics } from '../../record/CareMetrics.js';
import { hrTimeFromMillis } from './hrTimeFromMillis.js';

const SCOPE = { name: '@hartslag/metrics', version: '0.1.0' };

type Resource = CollectionResult['resourceMetrics']['resource'];

/**
 * MetricReader drops a producer's resource for the SDK's own, so ours only has to satisfy the type;
 * building a real one would need @opentelemetry/resources, which is not among our peers.
 */
const EMPTY_RESOURCE: Resource = {
  attributes: {},
  merge: (other) => other ?? EMPTY_RESOURCE,
  getRawAttributes: () => [],
};

/**
 * Reads a CareMetrics' aggregate as OTel metric data, at collect time only: recording never touches
 * OTel. Series, attribute keys and values are those of the Prometheus exposition (including
 * `code: ''` for calls without a code), so an OTLP pipeline and /metrics report the same numbers.
 * All data is cumulative: the aggregate only ever counts up.
 */
export class CareMetricProducer implements MetricProducer {
  private readonly instruments: OtelInstruments;
  /** Call, vendor and redaction series live as long as the aggregate. */
  private readonly startTime: HrTime;

  constructor(private readonly metrics: CareMetrics) {
    this.instruments = otelInstruments(metrics.namespace, metrics.names);
    // Counts start when the CareMetrics was created, not when this producer was.
    this.startTime = hrTimeFromMillis(metrics.createdAt);
  }

  async collect(_options?: MetricCollectOptions): Promise<CollectionResult> {
    // The reader awaits every producer together: a throw here would also lose the service's own
    // metrics of this export, so a failure is reported as a collection error instead.
    try {
      const metrics = this.read(hrTimeFromMillis(Date.now()));
      return { resourceMetrics: { resource: EMPTY_RESOURCE, scopeMetrics: [{ scope: SCOPE, metrics }] }, errors: [] };
    } catch (err) {
      return { resourceMetrics: { resource: EMPTY_RESOURCE, scopeMetrics: [] }, errors: [err] };
    }
  }

  private read(endTime: HrTime): MetricData[] {
    const i = this.instruments;
    const m = this.metrics;
    const out: MetricData[] = [];
    // One family that fails (a bug) is left out and counted; the others are still exported.
    const add = (key: keyof OtelInstruments, read: () => MetricData) => {
      try {
        out.push(read());
      } catch (err) {
        m.exportError(m.names[key], err);
      }
    };
    add('calls', () => sum(i.calls, this.calls(endTime)));
    add('callDuration', () => this.durations(endTime));
    add('tenantCalls', () => sum(i.tenantCalls, this.tenantCalls(endTime)));
    add('vendorCalls', () => sum(i.vendorCalls, this.vendorRow(m.vendors.counts, undefined, endTime)));
    add('tenantOverflow', () => sum(i.tenantOverflow, [this.point({}, m.tenants.overflowTotal, endTime)]));
    add('labelRedactions', () => sum(i.labelRedactions, this.redactions(endTime)));
    add('instrumentationErrors', () =>
      sum(
        i.instrumentationErrors,
        INSTRUMENTATION_ERROR_REASONS.map((reason, r) =>
          this.point({ reason }, m.instrumentationErrorCounts[r]!, endTime),
        ),
      ),
    );
    return out;
  }

  private point(attributes: Attributes, value: number, endTime: HrTime, startTime = this.startTime): DataPoint<number> {
    return { startTime, endTime, attributes: { service: this.metrics.service, ...attributes }, value };
  }

  private calls(endTime: HrTime): DataPoint<number>[] {
    const points: DataPoint<number>[] = [];
    for (const slot of this.metrics.calls.slots) {
      for (const s of slot.series) {
        const attributes = { operation: s.operation, outcome: OUTCOMES[s.outcome]!, code: s.code };
        points.push(this.point(attributes, s.value, endTime));
      }
    }
    return points;
  }

  private durations(endTime: HrTime): MetricData {
    const m = this.metrics;
    const boundaries = Array.from(m.buckets);
    const points: DataPoint<Histogram>[] = [];
    for (const slot of m.calls.slots) {
      for (const h of slot.durations) {
        points.push({
          startTime: this.startTime,
          endTime,
          attributes: { service: m.service, operation: h.operation, outcome: OUTCOMES[h.outcome]! },
          // Per-bucket counts, as OTel wants and as the aggregate keeps them. min and max are
          // optional in the type and not tracked: the hot path stays one increment per call.
          value: { buckets: { boundaries, counts: Array.from(h.counts) }, sum: h.sum, count: h.count },
        });
      }
    }
    const d = this.instruments.callDuration;
    return {
      descriptor: { name: d.name, unit: d.unit, description: d.description, valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: points,
    };
  }

  private tenantCalls(endTime: HrTime): DataPoint<number>[] {
    const m = this.metrics;
    const t = m.tenants;
    const points: DataPoint<number>[] = [];
    for (let s = 0; s < t.size; s++) {
      if (t.exported[s] !== 1) continue;
      // A slot taken over by another tenant counts from zero again: its series starts anew.
      const startTime = hrTimeFromMillis(t.startedAt[s]!);
      const tenant = t.names[s]!;
      const vendor = m.vendors.names[t.vendor[s]!]!;
      for (let o = 0; o < OUTCOME_COUNT; o++) {
        const value = t.counts[s * OUTCOME_COUNT + o]!;
        if (value > 0) points.push(this.point({ tenant, vendor, outcome: OUTCOMES[o]! }, value, endTime, startTime));
      }
    }
    this.vendorRow(m.vendors.overflow, OTHER, endTime, points);
    return this.vendorRow(m.vendors.redacted, REDACTED, endTime, points);
  }

  /** One VendorTable row by vendor and outcome, zeros skipped; with a tenant label for tenant calls. */
  private vendorRow(
    row: Float64Array,
    tenant: string | undefined,
    endTime: HrTime,
    points: DataPoint<number>[] = [],
  ): DataPoint<number>[] {
    this.metrics.vendors.names.forEach((vendor, v) => {
      for (let o = 0; o < OUTCOME_COUNT; o++) {
        const value = row[v * OUTCOME_COUNT + o]!;
        if (value === 0) continue;
        const attributes =
          tenant === undefined ? { vendor, outcome: OUTCOMES[o]! } : { tenant, vendor, outcome: OUTCOMES[o]! };
        points.push(this.point(attributes, value, endTime));
      }
    });
    return points;
  }

  private redactions(endTime: HrTime): DataPoint<number>[] {
    return Array.from(this.metrics.redactions.counts, ([label, value]) => this.point({ label }, value, endTime));
  }
}

function sum(instrument: OtelInstrument, dataPoints: DataPoint<number>[]): MetricData {
  return {
    // INT: the OTLP serializers choose asInt or asDouble from valueType, and drop the value without one.
    descriptor: {
      name: instrument.name,
      unit: instrument.unit,
      description: instrument.description,
      valueType: ValueType.INT,
    },
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.SUM,
    isMonotonic: true,
    dataPoints,
  };
}
