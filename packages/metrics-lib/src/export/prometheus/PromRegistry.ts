/**
 * What Hartslag calls on a Prometheus client's registry: prom-client 15's
 * `Registry` and @prometheus-io/client's (its successor under the Prometheus organisation) both
 * fit, so a service hands us whichever it already uses. Neither library is imported for this, so
 * neither has to be installed for the other to work.
 */
export interface PromRegistry {
  /** `text/plain; version=0.0.4…` or `application/openmetrics-text…`: what the scrape answers in. */
  readonly contentType: string;
  /** The whole exposition (the tests and `registry: …` users call it; we stream instead). */
  metrics(): Promise<string>;
  /**
   * Takes a metric object of ours: `{ name, help, type, aggregator, get(), reset() }`, the shape
   * both clients' registries format. `never` because each client's typings name only its own classes.
   */
  registerMetric(metric: never): void;
  getSingleMetric(name: string): unknown;
  removeSingleMetric(name: string): void;
  getMetricsAsArray(): readonly unknown[];
  /**
   * Not called by us; both clients have them, so `metrics.registry` (the default registry we made)
   * keeps them for the service: switch to OpenMetrics, JSON for cluster aggregation, reset.
   * `never` where the clients' typings bind the content type to their own literal types.
   */
  setContentType(contentType: never): void;
  getMetricsAsJSON(): Promise<Array<{ name: string; values: unknown[] }>>;
  resetMetrics(): void;
}

/**
 * Members both clients have but do not declare (prom-client) or declare differently: the per-metric
 * formatter their `metrics()` calls, and the registry default labels it merges into every sample.
 */
export interface PromRegistryInternals {
  getMetricsAsString(metric: unknown): Promise<string>;
  _defaultLabels?: Record<string, unknown>;
}

/** A metric as the registries hand it back from `getMetricsAsArray()`. */
export interface PromMetricObject {
  name: string;
  type: string;
}

/** A sample as both registries format it (`get().values[i]`). */
export interface PromValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** What both registries' `getMetricsAsString(metric)` awaits from `metric.get()`. */
export interface PromMetricJson {
  name: string;
  help: string;
  type: string;
  values: PromValue[];
  aggregator: string;
}

export function isOpenMetrics(registry: PromRegistry): boolean {
  return registry.contentType.startsWith('application/openmetrics-text');
}

export function internals(registry: PromRegistry): PromRegistryInternals {
  return registry as unknown as PromRegistryInternals;
}
