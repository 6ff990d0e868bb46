// Hartslag's counts exported over OTLP next to (or instead of) /metrics, with the OpenTelemetry SDK
// the service already runs: sdk-metrics 2.x on Node 20, 3.x on Node >= 22.15.
import { createCareMetrics } from '@hartslag/metrics';
import { CareMetricProducer } from '@hartslag/metrics/otel';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

const metrics = createCareMetrics({ service: 'medication-history' });
const reader = new PeriodicExportingMetricReader({
  exporter: new OTLPMetricExporter({ url: process.env.OTLP_URL ?? 'http://127.0.0.1:4318/v1/metrics' }),
  metricProducers: [new CareMetricProducer(metrics)],
});
const provider = new MeterProvider({ readers: [reader] });

metrics.start('fetch-medication-history', 'apotheek-0042').end({ outcome: 'ok' });
await reader.forceFlush();
await provider.shutdown();
console.log('exported');
