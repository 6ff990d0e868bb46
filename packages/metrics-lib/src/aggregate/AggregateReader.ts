import type { FamilySamples } from './FamilySamples.js';
import type { FamilyKey, FamilyNames } from './familyKeys.js';

/**
 * The one way to read what a CareMetrics counted: the Prometheus and OpenTelemetry exporters,
 * prom-client's JSON and reset, and the in-process SLO evaluator all go through it, so the
 * aggregate's own tables can change without any of them noticing.
 */
export interface AggregateReader {
  readonly service: string;
  /** Every family's name, pipeline families included. */
  readonly names: FamilyNames;
  /** When counting started (ms since epoch): the start time of every series but a tenant's own. */
  readonly createdAt: number;
  /** Bucket upper bounds of the duration histogram, +Inf excepted. */
  readonly bounds: Float64Array;
  /** The family's samples as of now: a snapshot, unchanged by what is recorded after. */
  /** Whether a pipeline stage was created: only then are the pipeline families exported. */
  readonly hasPipelines: boolean;
  family(key: FamilyKey): FamilySamples;
  /**
   * Counts the family from zero again (prom-client's `registry.resetMetrics()`): counters and
   * histograms at zero, tenant series and redaction counts gone until they are counted again.
   */
  reset(key: FamilyKey): void;
  /** An exporter left a family out of one export: counted (reason "export"), never thrown. */
  exportError(key: FamilyKey, error: unknown): void;
}
