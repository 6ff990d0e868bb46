import type { HartslagError } from '../errors.js';
import type { PromRegistry } from '../export/prometheus/PromRegistry.js';

/** Options of createCareMetrics. Every field is checked at start-up (config/validate.ts). */
export interface CareMetricsOptions {
  /** The instrumented service, e.g. "medication-history". Becomes the `service` label. */
  service: string;
  /** Metric name prefix. Default "care": generated SLO rules and dashboards expect it. */
  namespace?: string;
  /**
   * The registry to register into: prom-client's or @prometheus-io/client's (its global `register`,
   * or your own). Default: a new Registry of whichever is installed, reachable as
   * `metrics.registry`. `false`: register nowhere (neither client needed).
   */
  registry?: PromRegistry | false;
  tenants?: {
    /** Most tenants with a series of their own at once. Default 10,000. */
    max?: number;
    /**
     * Most bytes of tenant ids kept at once (2 per UTF-16 code unit; ids are at most 128 long).
     * Default 1 MiB: 10,000 ids of 52 characters. Long ids cost tenant series, never unbounded memory.
     */
    maxBytes?: number;
    /** Calls a newcomer must make before it takes a series from a full table. Default 10. */
    promoteAfter?: number;
    /**
     * The software vendor of a tenant, when calls do not name it. Called once per new tenant with
     * its label text. A vendor that throws is counted and recorded as "__invalid__".
     */
    vendorOf?: (tenant: string) => string | number | undefined;
    /** Most vendors with a series of their own. Default 1,000. */
    maxVendors?: number;
    /** Most bytes of vendor names kept (2 per UTF-16 code unit). Default 64 KiB; beyond it, "__other__". */
    maxVendorBytes?: number;
  };
  /** Upper bounds of the duration histogram in seconds. Default 5 ms … 30 s. */
  buckets?: readonly number[];
  limits?: {
    /** Most distinct operations; the rest share operation="__other__". Default 500. */
    operations?: number;
    /** Most distinct codes per operation; the rest share code="__other__". Default 64. */
    codesPerOperation?: number;
    /** Most bytes of code text per operation (2 per UTF-16 code unit). Default 4 KiB; beyond it, "__other__". */
    codeBytesPerOperation?: number;
  };
  /** Extra detectors for patient data in label values (name returned when a value matches). */
  piiDetectors?: Array<(value: string) => string | undefined>;
  /**
   * Development mode: a label value that looks like patient data, or a call that cannot be
   * recorded, throws instead of being redacted or counted. Never enable in production.
   */
  strict?: boolean;
  /** Told once per error code when recording fails or a value is redacted. Default: process.emitWarning. */
  onWarning?: (error: HartslagError) => void;
}

export interface ResolvedOptions {
  service: string;
  namespace: string;
  registry: PromRegistry | false | undefined;
  tenantMax: number;
  tenantMaxBytes: number;
  promoteAfter: number;
  vendorOf: ((tenant: string) => unknown) | undefined;
  maxVendors: number;
  maxVendorBytes: number;
  buckets: Float64Array;
  maxOperations: number;
  maxCodes: number;
  maxCodeBytes: number;
  piiDetectors: Array<(value: string) => string | undefined>;
  strict: boolean;
  onWarning: (error: HartslagError) => void;
}

export const DEFAULTS = {
  tenantMax: 10_000,
  tenantMaxBytes: 1024 * 1024,
  promoteAfter: 10,
  maxVendors: 1_000,
  maxVendorBytes: 64 * 1024,
  maxOperations: 500,
  maxCodes: 64,
  maxCodeBytes: 4 * 1024,
} as const;
