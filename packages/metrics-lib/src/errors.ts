import type { InstrumentationErrorReason } from './contract/names.js';

/**
 * Every error this package throws, with a stable code. Codes are documented in docs/errors.md
 * (test/errors.test.ts keeps code, docs and exports in step). Retired codes are never reused.
 */
export class HartslagError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'HartslagError';
  }
}

/** A problem with one option, by its path (e.g. `tenants.max`). */
export interface ConfigProblem {
  field: string;
  message: string;
}

/** Invalid options to createCareMetrics. Lists every problem at once, each by field. */
export class ConfigError extends HartslagError {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    super(
      'HARTSLAG_ERR_CONFIG_INVALID',
      `invalid @hartslag/metrics options:\n${problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/** The registry (prom-client's or @prometheus-io/client's) already holds a different metric under one of our names. */
export class RegistryConflictError extends HartslagError {
  constructor(
    name: string,
    fix = 'Create one CareMetrics per service and registry, or pass another `namespace` (dashboards and SLO rules expect "care").',
  ) {
    super('HARTSLAG_ERR_REGISTRY_CONFLICT', `the Prometheus registry already has a metric named "${name}". ${fix}`);
  }
}

/**
 * createCareMetrics was given no `registry` and neither Prometheus client is installed to make one:
 * both are optional peers, so a service that exports only to OpenTelemetry needs neither.
 */
export class RegistryMissingError extends HartslagError {
  constructor(clients: readonly string[]) {
    super(
      'HARTSLAG_ERR_REGISTRY_MISSING',
      `no Prometheus client is installed to make the default registry: install ${clients.join(' or ')}, ` +
        'or pass your own `registry` (or `registry: false` to register nowhere)',
    );
  }
}

/**
 * A call record that cannot be recorded as given (unknown outcome, a duration that is not seconds,
 * a label value of the wrong type, a resolver that threw). Never thrown into a request path:
 * counted in care_instrumentation_errors_total by `reason` and reported once to onWarning;
 * thrown only with `strict: true`, for development.
 */
export class RecordError extends HartslagError {
  readonly reason: InstrumentationErrorReason;
  constructor(message: string, reason: InstrumentationErrorReason = 'internal', options?: { cause?: unknown }) {
    super('HARTSLAG_ERR_RECORD_INVALID', message, options);
    this.reason = reason;
  }
}

/**
 * An exporter could not render one metric family. Never thrown: the family is left out of that
 * scrape (the rest is served), a comment line names it, and it is counted with reason "export".
 */
export class ExportError extends HartslagError {
  constructor(family: string, options?: { cause?: unknown }) {
    super(
      'HARTSLAG_ERR_EXPORT_FAMILY',
      `the metric family ${family} could not be rendered and was left out of this scrape; ` +
        'this is a bug in @hartslag/metrics: please report it with this error and its cause',
      options,
    );
  }
}

/**
 * The SLO history store cannot be opened or read (a file that is not a Hartslag history, one
 * written by a newer version, a folder that cannot be created). Thrown at start-up only; a write
 * that fails later is counted in care_instrumentation_errors_total, never thrown.
 */
export class HistoryStoreError extends HartslagError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('HARTSLAG_ERR_HISTORY_STORE', message, options);
  }
}

/**
 * A pipeline or stage name that cannot be one: not a short lower-case identifier, caught by the PII
 * guard, or one stage too many. Thrown when the handle is created (start-up), never while recording.
 */
export class PipelineNameError extends HartslagError {
  readonly field: 'pipeline' | 'stage';
  constructor(field: 'pipeline' | 'stage', message: string) {
    super('HARTSLAG_ERR_PIPELINE_NAME', `${field} name ${message}`);
    this.field = field;
  }
}

export const ERROR_CODES = [
  'HARTSLAG_ERR_CONFIG_INVALID',
  'HARTSLAG_ERR_REGISTRY_CONFLICT',
  'HARTSLAG_ERR_RECORD_INVALID',
  'HARTSLAG_ERR_PII_LABEL',
  'HARTSLAG_ERR_EXPORT_FAMILY',
  'HARTSLAG_ERR_HISTORY_STORE',
  'HARTSLAG_ERR_PIPELINE_NAME',
  'HARTSLAG_ERR_REGISTRY_MISSING',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
