/**
 * `@hartslag/metrics/otel`: exports a CareMetrics through an OpenTelemetry MetricReader, beside the
 * service's own OTel instruments. Needs @opentelemetry/api and @opentelemetry/sdk-metrics (optional
 * peers of the main entry, which never loads this file).
 *
 * ```ts
 * const metrics = createCareMetrics({ service: 'medication-history' });
 * const reader = new PeriodicExportingMetricReader({
 *   exporter: new OTLPMetricExporter({ url: 'http://collector:4318/v1/metrics' }),
 *   metricProducers: [new CareMetricProducer(metrics)], // or ...careMetricReaderOptions(metrics)
 * });
 * const provider = new MeterProvider({ readers: [reader] }); // or NodeSDK({ metricReader: reader })
 * ```
 *
 * The reader must be registered with a MeterProvider: it collects producers only through the SDK.
 */
import type { MetricReaderOptions } from '@opentelemetry/sdk-metrics';
import { CareMetricProducer } from './export/otel/CareMetricProducer.js';
import type { CareMetrics } from './record/CareMetrics.js';

export { CareMetricProducer };

/** Reader options that add our metrics: spread into a MetricReader's options. */
export function careMetricReaderOptions(metrics: CareMetrics): Required<Pick<MetricReaderOptions, 'metricProducers'>> {
  return { metricProducers: [new CareMetricProducer(metrics)] };
}
