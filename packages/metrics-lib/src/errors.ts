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

/** The prom-client registry already holds a different metric under one of our names. */
export class RegistryConflictError extends HartslagError {
  constructor(name: string) {
    super(
      'HARTSLAG_ERR_REGISTRY_CONFLICT',
      `the prom-client registry already has a metric named "${name}". Create one CareMetrics per service ` +
        'and registry, or pass another `namespace` (dashboards and SLO rules expect "care").',
    );
  }
}

/**
 * A call record that cannot be counted (unknown outcome, negative duration). Never thrown into a
 * request path: counted in care_instrumentation_errors_total and reported once to onWarning;
 * thrown only with `strict: true`, for development.
 */
export class RecordError extends HartslagError {
  constructor(message: string) {
    super('HARTSLAG_ERR_RECORD_INVALID', message);
  }
}

export const ERROR_CODES = [
  'HARTSLAG_ERR_CONFIG_INVALID',
  'HARTSLAG_ERR_REGISTRY_CONFLICT',
  'HARTSLAG_ERR_RECORD_INVALID',
  'HARTSLAG_ERR_PII_LABEL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
