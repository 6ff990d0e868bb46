import { didYouMean, type EditBudget } from '@hartslag/common';
import { MAX_LABEL_VALUE_LENGTH } from '../aggregate/labelValue.js';
import { DEFAULT_DURATION_BUCKETS } from '../contract/buckets.js';
import { DEFAULT_NAMESPACE } from '../contract/names.js';
import { ConfigError, type ConfigProblem, type HartslagError } from '../errors.js';
import { type CareMetricsOptions, DEFAULTS, type ResolvedOptions } from './options.js';

const KNOWN: Record<string, readonly string[]> = {
  '': ['service', 'namespace', 'registry', 'tenants', 'buckets', 'limits', 'piiDetectors', 'strict', 'onWarning'],
  tenants: ['max', 'maxBytes', 'promoteAfter', 'vendorOf', 'maxVendors', 'maxVendorBytes'],
  limits: ['operations', 'codesPerOperation', 'codeBytesPerOperation'],
};

/** Option names are short camelCase words: two slips in one still name the option meant. */
const TWO_EDITS: EditBudget = () => 2;

// Prometheus metric name rule (https://prometheus.io/docs/concepts/data_model/), minus colons,
// which are reserved for recording rules.
const NAMESPACE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Checks every option and reports all problems at once, each by field, so one start-up shows
 * everything to fix.
 */
export function resolveOptions(options: CareMetricsOptions | undefined): ResolvedOptions {
  const problems: ConfigProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  if (options === null || typeof options !== 'object') {
    throw new ConfigError([{ field: '(options)', message: 'pass an object, e.g. { service: "medication-history" }' }]);
  }
  unknownKeys(options, '', bad);
  if (options.tenants !== undefined) {
    if (typeof options.tenants !== 'object' || options.tenants === null) bad('tenants', 'must be an object');
    else unknownKeys(options.tenants, 'tenants', bad);
  }
  if (options.limits !== undefined) {
    if (typeof options.limits !== 'object' || options.limits === null) bad('limits', 'must be an object');
    else unknownKeys(options.limits, 'limits', bad);
  }

  const { service } = options;
  if (typeof service !== 'string' || service.trim() === '') {
    bad('service', 'is required: the name of the instrumented service, e.g. "medication-history"');
  } else if (service.length > 128) {
    bad('service', `must be at most 128 characters, got ${service.length}`);
  }

  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  if (typeof namespace !== 'string' || !NAMESPACE.test(namespace)) {
    bad('namespace', `must match ${NAMESPACE} (Prometheus metric name rules), got ${JSON.stringify(namespace)}`);
  }

  const registry = options.registry;
  if (registry !== undefined && registry !== false) {
    const r = registry as unknown as Record<string, unknown>;
    if (
      typeof r !== 'object' ||
      r === null ||
      typeof r.registerMetric !== 'function' ||
      typeof r.getMetricsAsString !== 'function' ||
      typeof r.getMetricsAsArray !== 'function' ||
      typeof r.metrics !== 'function'
    ) {
      bad(
        'registry',
        'must be a Registry of prom-client or @prometheus-io/client (e.g. `register` or `new Registry()`), or false',
      );
    }
  }

  const tenants = (typeof options.tenants === 'object' && options.tenants) || {};
  const limits = (typeof options.limits === 'object' && options.limits) || {};
  const tenantMax = int('tenants.max', tenants.max, DEFAULTS.tenantMax, 1, 1_000_000, bad);
  const promoteAfter = int('tenants.promoteAfter', tenants.promoteAfter, DEFAULTS.promoteAfter, 1, 1_000_000, bad);
  const maxVendors = int('tenants.maxVendors', tenants.maxVendors, DEFAULTS.maxVendors, 1, 100_000, bad);
  const maxOperations = int('limits.operations', limits.operations, DEFAULTS.maxOperations, 1, 100_000, bad);
  const maxCodes = int('limits.codesPerOperation', limits.codesPerOperation, DEFAULTS.maxCodes, 1, 10_000, bad);
  // At least one label of the longest kind, so a cap is never below a single value.
  const minBytes = 2 * MAX_LABEL_VALUE_LENGTH;
  const tenantMaxBytes = int('tenants.maxBytes', tenants.maxBytes, DEFAULTS.tenantMaxBytes, minBytes, 2 ** 31, bad);
  const maxVendorBytes = int(
    'tenants.maxVendorBytes',
    tenants.maxVendorBytes,
    DEFAULTS.maxVendorBytes,
    minBytes,
    2 ** 31,
    bad,
  );
  const maxCodeBytes = int(
    'limits.codeBytesPerOperation',
    limits.codeBytesPerOperation,
    DEFAULTS.maxCodeBytes,
    minBytes,
    2 ** 31,
    bad,
  );
  if (tenants.vendorOf !== undefined && typeof tenants.vendorOf !== 'function') {
    bad('tenants.vendorOf', 'must be a function (tenant) => vendor name');
  }

  const buckets = options.buckets ?? DEFAULT_DURATION_BUCKETS;
  if (!Array.isArray(buckets) || buckets.length === 0) {
    bad('buckets', 'must be a non-empty array of upper bounds in seconds, e.g. [0.05, 0.1, 0.5, 1]');
  } else {
    buckets.forEach((b, i) => {
      if (typeof b !== 'number' || !Number.isFinite(b) || b <= 0) {
        bad(`buckets[${i}]`, `must be a positive finite number of seconds, got ${JSON.stringify(b)}`);
      } else if (i > 0 && b <= (buckets[i - 1] as number)) {
        bad(`buckets[${i}]`, `must be greater than buckets[${i - 1}] (${buckets[i - 1]}), got ${b}`);
      }
    });
  }

  const piiDetectors = options.piiDetectors ?? [];
  if (!Array.isArray(piiDetectors) || piiDetectors.some((d) => typeof d !== 'function')) {
    bad('piiDetectors', 'must be an array of functions (value) => name | undefined');
  }
  if (options.strict !== undefined && typeof options.strict !== 'boolean') bad('strict', 'must be true or false');
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') {
    bad('onWarning', 'must be a function (error) => void');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    service: (service as string).trim(),
    namespace,
    registry,
    tenantMax,
    tenantMaxBytes,
    promoteAfter,
    vendorOf: tenants.vendorOf,
    maxVendors,
    maxVendorBytes,
    buckets: Float64Array.from(buckets),
    maxOperations,
    maxCodes,
    maxCodeBytes,
    piiDetectors,
    strict: options.strict ?? false,
    onWarning: options.onWarning ?? emitWarning,
  };
}

function emitWarning(error: HartslagError): void {
  process.emitWarning(error.message, { code: error.code });
}

function int(
  field: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  bad: (field: string, message: string) => void,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    bad(field, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    return fallback;
  }
  return value;
}

function unknownKeys(obj: object, path: string, bad: (field: string, message: string) => void): void {
  const known = KNOWN[path] ?? [];
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      const field = path ? `${path}.${key}` : key;
      bad(field, `is not an option${didYouMean(key, known, TWO_EDITS)} (known: ${known.join(', ')})`);
    }
  }
}
