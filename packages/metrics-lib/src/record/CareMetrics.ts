import { Registry, type RegistryContentType } from 'prom-client';
import { CallTable } from '../aggregate/CallTable.js';
import { Redactions } from '../aggregate/Redactions.js';
import { TenantTable } from '../aggregate/TenantTable.js';
import { VendorTable } from '../aggregate/VendorTable.js';
import type { CareMetricsOptions, ResolvedOptions } from '../config/options.js';
import { resolveOptions } from '../config/validate.js';
import { type MetricNames, metricNames } from '../contract/names.js';
import type { Outcome } from '../contract/outcomes.js';
import { HartslagError, RecordError } from '../errors.js';
import { registerCollectors } from '../export/prometheus/register.js';
import { PiiGuard } from '../guard/PiiGuard.js';
import { describePiiKind } from '../guard/PiiLabelError.js';
import type { CallTimer } from './CallTimer.js';
import { OperationHandle, type RecordSink } from './OperationHandle.js';

/** One finished call, as `recordCall` takes it. */
export interface CallRecord {
  /** What was called, e.g. "fetch-medication-history". */
  operation: string;
  outcome: Outcome;
  /** Duration in seconds; omit when unknown. */
  seconds?: number;
  /** HTTP status, gRPC status or reason, e.g. 503 or "no_contract". */
  code?: string | number;
  /** Pharmacy, hospital or practice id. Never a patient id. */
  tenant?: string;
  /** The tenant's software vendor; otherwise `tenants.vendorOf(tenant)` decides. */
  vendor?: string;
}

/**
 * The instruments of one service. Recording updates one in-process aggregate; Prometheus and
 * OpenTelemetry read that aggregate when they collect.
 */
export class CareMetrics implements RecordSink {
  readonly service: string;
  readonly namespace: string;
  readonly names: MetricNames;
  /** The prom-client registry our metrics are registered in (undefined with `registry: false`). */
  readonly registry: Registry<RegistryContentType> | undefined;
  /** The aggregate, read by exporters. Not part of the stable API. */
  readonly calls: CallTable;
  readonly tenants: TenantTable;
  readonly vendors: VendorTable;
  readonly redactions: Redactions;
  readonly buckets: Float64Array;
  /** When counting started (ms since epoch): the start time of cumulative OTel points. */
  readonly createdAt = Date.now();
  instrumentationErrors = 0;

  private readonly handles = new Map<string, OperationHandle>();
  private readonly warned = new Set<string>();
  private readonly options: ResolvedOptions;

  constructor(options: CareMetricsOptions) {
    const o = resolveOptions(options);
    this.options = o;
    this.service = o.service;
    this.namespace = o.namespace;
    this.names = metricNames(o.namespace);
    this.buckets = o.buckets;
    const guard = new PiiGuard({ strict: o.strict, extraDetectors: o.piiDetectors });
    // The service name is a label value too: check it once, loudly, at start-up.
    if (guard.check('service', this.service) !== undefined) {
      throw new HartslagError(
        'HARTSLAG_ERR_CONFIG_INVALID',
        'invalid @hartslag/metrics options:\n  - service: looks like patient data; use the service name, e.g. "medication-history"',
      );
    }
    this.redactions = new Redactions(guard, (label, kind) =>
      this.warn(
        new HartslagError(
          'HARTSLAG_ERR_PII_LABEL',
          `a "${label}" label value looked like ${describePiiKind(kind)} and was exported as "__redacted__"; ` +
            'pass pseudonymous ids (e.g. the pharmacy AGB code), never patient data',
        ),
      ),
    );
    this.calls = new CallTable(o.buckets, o.maxOperations, o.maxCodes, this.redactions);
    this.vendors = new VendorTable(o.maxVendors, this.redactions);
    this.tenants = new TenantTable(
      { capacity: o.tenantMax, promoteAfter: o.promoteAfter, vendorOf: o.vendorOf },
      this.vendors,
      this.redactions,
      (err) => this.instrumentationError(err),
    );
    if (o.registry === false) {
      this.registry = undefined;
    } else {
      this.registry = o.registry ?? new Registry();
      registerCollectors(this, this.registry);
    }
  }

  /** Records one finished call. Never throws (unless `strict`): failures are counted. */
  recordCall(call: CallRecord): void {
    try {
      this.operation(call.operation).record(call.outcome, call.seconds, call.code, call.tenant, call.vendor);
    } catch (err) {
      this.instrumentationError(err);
    }
  }

  /** A pre-bound handle for an operation: the fastest way to record on a hot path. */
  operation(name: string): OperationHandle {
    const found = this.handles.get(name);
    if (found !== undefined) return found;
    if (typeof name !== 'string') throw new RecordError(`operation must be a string, got ${typeof name}`);
    const slot = this.calls.operation(name);
    const handle = new OperationHandle(slot, this.tenants, this);
    // Only names that kept their own series are cached; redacted or capped ones are not kept.
    if (slot.name === name) this.handles.set(name, handle);
    return handle;
  }

  /** Starts timing a call: `const t = metrics.start('login'); … t.end({ outcome: 'success' })`. */
  start(operation: string, tenant?: string, vendor?: string): CallTimer {
    return this.operation(operation).start(tenant, vendor);
  }

  /** Counts a recording failure and reports it once per code; throws it in strict mode. */
  instrumentationError(error: unknown): void {
    if (this.options.strict) throw error;
    this.instrumentationErrors += 1;
    const e =
      error instanceof HartslagError
        ? error
        : new HartslagError('HARTSLAG_ERR_RECORD_INVALID', `recording failed: ${(error as Error)?.message ?? error}`, {
            cause: error,
          });
    this.warn(e);
  }

  private warn(error: HartslagError): void {
    if (this.warned.has(error.code)) return;
    this.warned.add(error.code);
    try {
      this.options.onWarning(error);
    } catch {
      // A failing warning hook must not break the request that triggered it.
    }
  }
}

/** Creates the instruments of one service; throws HARTSLAG_ERR_CONFIG_INVALID naming each bad field. */
export function createCareMetrics(options: CareMetricsOptions): CareMetrics {
  return new CareMetrics(options);
}
