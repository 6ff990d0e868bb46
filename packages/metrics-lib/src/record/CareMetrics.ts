import { Aggregate } from '../aggregate/Aggregate.js';
import type { AggregateReader } from '../aggregate/AggregateReader.js';
import { CallTable } from '../aggregate/CallTable.js';
import { describeValue, readProperty, UNREADABLE } from '../aggregate/labelValue.js';
import type { OperationSlot } from '../aggregate/OperationSlot.js';
import { PipelineTable } from '../aggregate/PipelineTable.js';
import { Redactions } from '../aggregate/Redactions.js';
import { TenantTable } from '../aggregate/TenantTable.js';
import { VendorCallTable } from '../aggregate/VendorCallTable.js';
import { VendorTable } from '../aggregate/VendorTable.js';
import type { CareMetricsOptions, ResolvedOptions } from '../config/options.js';
import { resolveOptions } from '../config/validate.js';
import {
  INSTRUMENTATION_ERROR_REASONS,
  INVALID,
  type InstrumentationErrorReason,
  type MetricNames,
  metricNames,
} from '../contract/names.js';
import type { Outcome } from '../contract/outcomes.js';
import { pipelineNames } from '../contract/pipeline.js';
import { ExportError, HartslagError, RecordError } from '../errors.js';
import { defaultRegistry } from '../export/prometheus/defaultRegistry.js';
import { PIPELINE_FAMILIES } from '../export/prometheus/families.js';
import type { PromRegistry } from '../export/prometheus/PromRegistry.js';
import { registerCollectors } from '../export/prometheus/register.js';
import { PiiGuard } from '../guard/PiiGuard.js';
import { describePiiKind } from '../guard/PiiLabelError.js';
import type { CallRecord } from './CallRecord.js';
import type { CallTimer } from './CallTimer.js';
import { ownError, REASON_INDEX, wrapError } from './instrumentationErrors.js';
import { type Duration, type LabelValue, OperationHandle, type RecordSink } from './OperationHandle.js';
import { Pipeline } from './Pipeline.js';
import { type NameCheck, nameCheck } from './pipelineName.js';

/**
 * The instruments of one service. Recording updates one in-process aggregate, private to it;
 * Prometheus, OpenTelemetry and the SLO evaluator read it through `aggregate` when they collect.
 */
export class CareMetrics implements RecordSink {
  readonly service: string;
  readonly namespace: string;
  readonly names: MetricNames;
  /**
   * The registry our metrics are registered in: the one passed in, else a new Registry of whichever
   * client is installed (prom-client first, then @prometheus-io/client); undefined with `registry: false`.
   */
  readonly registry: PromRegistry | undefined;
  /** What has been counted, by family and sample: the one read interface for exporters. */
  readonly aggregate: AggregateReader;

  private readonly calls: CallTable;
  private readonly tenants: TenantTable;
  private readonly vendorCalls: VendorCallTable;
  /** care_instrumentation_errors_total by reason, indexed as INSTRUMENTATION_ERROR_REASONS. */
  private readonly errorCounts = new Float64Array(INSTRUMENTATION_ERROR_REASONS.length);
  private readonly handles = new Map<unknown, OperationHandle>();
  private readonly warned = new Set<string>();
  private readonly options: ResolvedOptions;
  private readonly pipelineTable: PipelineTable;
  private readonly pipelines = new Map<string, Pipeline>();
  private readonly checkName: NameCheck;

  constructor(options: CareMetricsOptions) {
    const o = resolveOptions(options);
    this.options = o;
    this.service = o.service;
    this.namespace = o.namespace;
    this.names = metricNames(o.namespace);
    const guard = new PiiGuard({ strict: o.strict, extraDetectors: o.piiDetectors });
    // The service name is a label value too: check it once, loudly, at start-up.
    if (guard.check('service', this.service) !== undefined) {
      throw new HartslagError(
        'HARTSLAG_ERR_CONFIG_INVALID',
        'invalid @hartslag/metrics options:\n  - service: looks like patient data; use the service name, e.g. "medication-history"',
      );
    }
    this.checkName = nameCheck((value) => guard.check('name', value));
    this.pipelineTable = new PipelineTable(o.buckets);
    const redactions = new Redactions(
      guard,
      (label, kind) => {
        // Built once: a stream of redactions must not pay for an Error (and its stack) each.
        if (this.warned.has('HARTSLAG_ERR_PII_LABEL')) return;
        this.warn(
          new HartslagError(
            'HARTSLAG_ERR_PII_LABEL',
            `a "${label}" label value looked like ${describePiiKind(kind)} and was exported as "__redacted__"; ` +
              'pass pseudonymous ids (e.g. the pharmacy AGB code), never patient data',
          ),
        );
      },
      (label, value) =>
        this.reject(
          value === UNREADABLE ? 'input' : 'label',
          () =>
            `a "${label}" label value must be a string, finite number, bigint or boolean, got ${describeValue(value)}; ` +
            `the call was recorded with ${label}="${INVALID}"`,
        ),
    );
    this.calls = new CallTable(
      o.buckets,
      o.maxOperations,
      { maxCodes: o.maxCodes, maxCodeBytes: o.maxCodeBytes },
      redactions,
    );
    const vendors = new VendorTable(o.maxVendors, o.maxVendorBytes, redactions);
    this.tenants = new TenantTable(
      { capacity: o.tenantMax, maxBytes: o.tenantMaxBytes, promoteAfter: o.promoteAfter, vendorOf: o.vendorOf },
      vendors,
      redactions,
      (err) => this.instrumentationError(err, 'resolver'),
    );
    this.vendorCalls = new VendorCallTable(vendors, o.buckets);
    this.aggregate = new Aggregate({
      service: this.service,
      names: { ...this.names, ...pipelineNames(o.namespace) },
      bounds: o.buckets,
      calls: this.calls,
      tenants: this.tenants,
      vendors,
      vendorCalls: this.vendorCalls,
      pipelines: this.pipelineTable,
      redactions,
      errors: this.errorCounts,
      onExportError: (family, error) => this.exportError(family, error),
    });
    if (o.registry === false) {
      this.registry = undefined;
    } else {
      this.registry = o.registry ?? defaultRegistry();
      registerCollectors(this.aggregate, this.registry);
    }
  }

  /** All instrumentation errors counted so far, whatever their reason. */
  get instrumentationErrors(): number {
    let n = 0;
    for (const c of this.errorCounts) n += c;
    return n;
  }

  /**
   * Records one finished call. Never throws (unless `strict`): `call` is read once, each property
   * inside a guard; values that cannot be recorded are counted (see README for each type).
   */
  recordCall(call: CallRecord): void {
    try {
      if (call === null || typeof call !== 'object') {
        this.reject('input', () => `recordCall takes { operation, outcome, … }, got ${describeValue(call)}`);
        return;
      }
      let operation: unknown = UNREADABLE;
      let outcome: unknown = UNREADABLE;
      let seconds: unknown = UNREADABLE;
      let code: unknown = UNREADABLE;
      let tenant: unknown = UNREADABLE;
      let vendor: unknown = UNREADABLE;
      // Plain reads first: six constant-name loads from one object shape, where readProperty's one
      // keyed load site would see six names and go megamorphic (measured: ~60 ns of a ~140 ns call).
      let read = 0;
      try {
        operation = call.operation;
        read = 1;
        outcome = call.outcome;
        read = 2;
        seconds = call.seconds;
        read = 3;
        code = call.code;
        read = 4;
        tenant = call.tenant;
        read = 5;
        vendor = call.vendor;
      } catch {
        // Property `read` threw and stays UNREADABLE; the ones after it are read one by one, each
        // still once, so one bad getter spoils only its own label.
        if (read < 1) outcome = readProperty(call, 'outcome');
        if (read < 2) seconds = readProperty(call, 'seconds');
        if (read < 3) code = readProperty(call, 'code');
        if (read < 4) tenant = readProperty(call, 'tenant');
        if (read < 5) vendor = readProperty(call, 'vendor');
      }
      this.operation(operation as LabelValue).record(
        outcome as Outcome,
        seconds as Duration,
        code as LabelValue,
        tenant as LabelValue,
        vendor as LabelValue,
      );
    } catch (err) {
      this.instrumentationError(err);
    }
  }

  /**
   * A pre-bound handle for an operation: the fastest way to record on a hot path. A name that
   * cannot be a label is counted and gives the handle of operation "__invalid__".
   */
  operation(name: LabelValue): OperationHandle {
    const found = this.handles.get(name as string);
    if (found !== undefined) return found;
    return this.createHandle(name);
  }

  private createHandle(name: unknown): OperationHandle {
    let slot: OperationSlot;
    try {
      slot = this.calls.operation(name);
    } catch (err) {
      this.instrumentationError(err);
      slot = this.calls.operation(INVALID);
    }
    const handle = this.handles.get(slot.name) ?? new OperationHandle(slot, this.tenants, this.vendorCalls, this);
    // Handles are kept by exported name: one per slot, whatever raw names led to it.
    this.handles.set(slot.name, handle);
    return handle;
  }

  /**
   * A message pipeline, e.g. `metrics.pipeline('send-message').stage('encrypt')`. Pipeline and
   * stage names are checked here, at set-up: a name that is not a short lower-case identifier,
   * or that the PII guard flags, throws PipelineNameError (HARTSLAG_ERR_PIPELINE_NAME). Recording
   * on a stage never throws. The care_pipeline_* families are exported from the first stage on.
   */
  pipeline(name: string): Pipeline {
    const found = this.pipelines.get(name);
    if (found !== undefined) return found;
    const checked = this.checkName('pipeline', name);
    const p = new Pipeline(checked, this.pipelineTable, this, (field, stage) => {
      const s = this.checkName(field, stage);
      this.exportPipelines();
      return s;
    });
    this.pipelines.set(checked, p);
    return p;
  }

  /** Registers the pipeline families with the first stage: services without any export as before. */
  private exportPipelines(): void {
    if (this.pipelinesRegistered) return;
    this.pipelinesRegistered = true;
    if (this.registry !== undefined) registerCollectors(this.aggregate, this.registry, PIPELINE_FAMILIES);
  }

  private pipelinesRegistered = false;

  /** Starts timing a call: `const t = metrics.start('login'); … t.end({ outcome: 'success' })`. */
  start(operation: LabelValue, tenant?: LabelValue, vendor?: LabelValue): CallTimer {
    return this.operation(operation).start(tenant, vendor);
  }

  /**
   * Counts a recording failure by reason and reports it once per code. In strict mode throws it:
   * as it is when it is one of ours, else as a RecordError with the original as `cause`.
   */
  instrumentationError(error: unknown, reason?: InstrumentationErrorReason): void {
    const ours = ownError(error);
    const r = ours instanceof RecordError ? ours.reason : (reason ?? 'internal');
    if (this.options.strict) throw ours ?? wrapError(error, r);
    this.errorCounts[REASON_INDEX[r]]! += 1;
    if (!this.warned.has(ours?.code ?? 'HARTSLAG_ERR_RECORD_INVALID')) this.warn(ours ?? wrapError(error, r));
  }

  /**
   * Counts a value that could not be recorded as given. The error (and its stack trace, the costly
   * part) is built only when it is thrown (strict) or reported (once per code).
   */
  reject(reason: InstrumentationErrorReason, message: () => string): void {
    if (this.options.strict) throw new RecordError(message(), reason);
    this.errorCounts[REASON_INDEX[reason]]! += 1;
    if (!this.warned.has('HARTSLAG_ERR_RECORD_INVALID')) this.warn(new RecordError(message(), reason));
  }

  /** An exporter left out one family: counted with reason "export", never thrown, even in strict mode. */
  private exportError(family: string, error: unknown): void {
    this.errorCounts[REASON_INDEX.export]! += 1;
    this.warn(new ExportError(family, { cause: error }));
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
