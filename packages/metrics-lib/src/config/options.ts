import type { Registry, RegistryContentType } from 'prom-client';
import type { HartslagError } from '../errors.js';

/** Options of createCareMetrics. Every field is checked at start-up (config/validate.ts). */
export interface CareMetricsOptions {
  /** The instrumented service, e.g. "medication-history". Becomes the `service` label. */
  service: string;
  /** Metric name prefix. Default "care": generated SLO rules and dashboards expect it. */
  namespace?: string;
  /**
   * The prom-client registry to register into (prom-client's global `register`, or your own).
   * Default: a new Registry, reachable as `metrics.registry`. `false`: register nowhere.
   */
  registry?: Registry<RegistryContentType> | false;
  tenants?: {
    /** Most tenants with a series of their own at once. Default 10,000. */
    max?: number;
    /** Calls a newcomer must make before it takes a series from a full table. Default 10. */
    promoteAfter?: number;
    /** The software vendor of a tenant, when calls do not name it. Called once per new tenant. */
    vendorOf?: (tenant: string) => string | undefined;
    /** Most vendors with a series of their own. Default 1,000. */
    maxVendors?: number;
  };
  /** Upper bounds of the duration histogram in seconds. Default 5 ms … 30 s. */
  buckets?: readonly number[];
  limits?: {
    /** Most distinct operations; the rest share operation="__other__". Default 500. */
    operations?: number;
    /** Most distinct codes per operation; the rest share code="__other__". Default 64. */
    codesPerOperation?: number;
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
  registry: Registry<RegistryContentType> | false | undefined;
  tenantMax: number;
  promoteAfter: number;
  vendorOf: ((tenant: string) => string | undefined) | undefined;
  maxVendors: number;
  buckets: Float64Array;
  maxOperations: number;
  maxCodes: number;
  piiDetectors: Array<(value: string) => string | undefined>;
  strict: boolean;
  onWarning: (error: HartslagError) => void;
}

export const DEFAULTS = {
  tenantMax: 10_000,
  promoteAfter: 10,
  maxVendors: 1_000,
  maxOperations: 500,
  maxCodes: 64,
} as const;
