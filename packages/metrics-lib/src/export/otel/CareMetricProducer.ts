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
import type { AggregateReader } from '../../aggregate/AggregateReader.js';
import type { FamilySamples, HistogramColumns } from '../../aggregate/FamilySamples.js';
import { FAMILY_KEYS, type FamilyKey, PIPELINE_FAMILY_KEYS } from '../../aggregate/familyKeys.js';
import { type OtelInstrument, otelInstruments } from '../../contract/otel.js';
import { type PipelineOtelInstrument, pipelineNames, pipelineOtelInstruments } from '../../contract/pipeline.js';
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
  private readonly instruments: Record<FamilyKey, OtelInstrument | PipelineOtelInstrument>;
  private readonly aggregate: AggregateReader;

  constructor(metrics: CareMetrics) {
    this.instruments = {
      ...otelInstruments(metrics.namespace, metrics.names),
      ...pipelineOtelInstruments(metrics.namespace, pipelineNames(metrics.namespace)),
    };
    this.aggregate = metrics.aggregate;
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
    const a = this.aggregate;
    const out: MetricData[] = [];
    const keys: readonly FamilyKey[] = a.hasPipelines ? [...FAMILY_KEYS, ...PIPELINE_FAMILY_KEYS] : FAMILY_KEYS;
    for (const key of keys) {
      // One family that fails (a bug) is left out and counted; the others are still exported.
      try {
        const f = a.family(key);
        out.push(
          f.histogram !== undefined
            ? this.histogram(f, f.histogram, endTime)
            : f.type === 'gauge'
              ? this.gauge(f, endTime)
              : this.sum(f, endTime),
        );
      } catch (err) {
        a.exportError(key, err);
      }
    }
    return out;
  }

  private attributes(f: FamilySamples, i: number): Attributes {
    const attributes: Attributes = { service: this.aggregate.service };
    for (let j = 0; j < f.labelNames.length; j++) attributes[f.labelNames[j]!] = f.label(i, j);
    return attributes;
  }

  /** A monotonic sum; each point starts when its series did (a tenant's slot may have changed hands). */
  private sum(f: FamilySamples, endTime: HrTime): MetricData {
    const instrument = this.instruments[f.key];
    const dataPoints: DataPoint<number>[] = [];
    for (let i = 0; i < f.size; i++) {
      dataPoints.push({
        startTime: hrTimeFromMillis(f.startedAt(i)),
        endTime,
        attributes: this.attributes(f, i),
        value: f.values[i]!,
      });
    }
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

  /** A gauge: the value as of this collection (a queue depth, an oldest message's age). */
  private gauge(f: FamilySamples, endTime: HrTime): MetricData {
    const d = this.instruments[f.key];
    const dataPoints: DataPoint<number>[] = [];
    for (let i = 0; i < f.size; i++) {
      dataPoints.push({ startTime: endTime, endTime, attributes: this.attributes(f, i), value: f.values[i]! });
    }
    return {
      descriptor: { name: d.name, unit: d.unit, description: d.description, valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.GAUGE,
      dataPoints,
    };
  }

  private histogram(f: FamilySamples, h: HistogramColumns, endTime: HrTime): MetricData {
    const boundaries = Array.from(h.bounds);
    const width = boundaries.length + 1;
    const points: DataPoint<Histogram>[] = [];
    for (let i = 0; i < f.size; i++) {
      points.push({
        startTime: hrTimeFromMillis(f.startedAt(i)),
        endTime,
        attributes: this.attributes(f, i),
        // Per-bucket counts, as OTel wants and as the aggregate keeps them. min and max are
        // optional in the type and not tracked: the hot path stays one increment per call.
        value: {
          buckets: { boundaries, counts: Array.from(h.counts.subarray(i * width, (i + 1) * width)) },
          sum: h.sums[i]!,
          count: f.values[i]!,
        },
      });
    }
    const d = this.instruments[f.key];
    return {
      descriptor: { name: d.name, unit: d.unit, description: d.description, valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: points,
    };
  }
}
