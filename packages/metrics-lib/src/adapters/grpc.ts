import {
  type Metadata,
  ResponderBuilder,
  ServerInterceptingCall,
  type ServerInterceptingCallInterface,
  type ServerInterceptor,
  ServerListenerBuilder,
  type ServerMethodDefinition,
} from '@grpc/grpc-js';
import { INVALID } from '../contract/names.js';
import { ConfigError, type ConfigProblem } from '../errors.js';
import type { CallTimer } from '../record/CallTimer.js';
import type { CareMetrics } from '../record/CareMetrics.js';
import type { LabelValue, OperationHandle } from '../record/OperationHandle.js';
import { grpcStatusName, outcomeOfGrpcStatus } from './grpcOutcome.js';
import { checkFunction, checkMetrics } from './options.js';

export interface CareMetricsInterceptorOptions {
  metrics: CareMetrics;
  /** The operation label of a method. Default: its path without the leading slash, e.g. "hospital.PatientRecords/GetRecord". */
  operation?: (path: string) => LabelValue;
  /** Request metadata key holding the tenant, e.g. "x-hospital-id". */
  tenantMetadataKey?: string;
  /** Request metadata key holding the tenant's vendor; otherwise the `tenants.vendorOf` of the metrics decides. */
  vendorMetadataKey?: string;
}

/**
 * How far ahead of our copy of the deadline a cancel still counts as the deadline. The client
 * cancels at its deadline, and its cancel can arrive just before our timer for the same deadline
 * fires (ours started when the headers arrived, a network hop later; the timeout header is rounded
 * up to the millisecond). A caller cancelling for its own reasons this close to its deadline is rare.
 */
const DEADLINE_SLACK_MS = 50;

const METADATA_KEY = /^[0-9a-z_.-]+$/;

function checkMetadataKey(problems: ConfigProblem[], field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && METADATA_KEY.test(value.toLowerCase()) && !value.toLowerCase().endsWith('-bin')) {
    return value.toLowerCase();
  }
  problems.push({
    field,
    message: `must be an ASCII metadata key such as "x-hospital-id" (not a binary "-bin" key), got ${JSON.stringify(value)}`,
  });
  return undefined;
}

function metadataLabel(metadata: Metadata, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const v = metadata.get(key)[0];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function deadlinePassed(call: ServerInterceptingCallInterface): boolean {
  const d = call.getDeadline();
  const ms = d instanceof Date ? d.getTime() : d;
  return Date.now() >= ms - DEADLINE_SLACK_MS;
}

/**
 * A @grpc/grpc-js server interceptor (grpc-js ≥ 1.10) recording every call in `metrics`, unary and
 * streaming alike, once per call: operation, outcome (outcomeOfGrpcStatus), status name as code,
 * duration from the arrival of the request metadata, tenant and vendor from request metadata.
 *
 * ```ts
 * const server = new Server({ interceptors: [careMetricsInterceptor({ metrics, tenantMetadataKey: 'x-hospital-id' })] });
 * ```
 * Calls to methods the server does not implement never reach interceptors (grpc-js answers
 * UNIMPLEMENTED itself), so arbitrary paths cannot mint operations. A call that ends without its
 * status passing through interceptors (the deadline passing on grpc-js's own timer, the client
 * cancelling, grpc-js refusing an undecodable or oversized message) is recorded when grpc-js
 * reports the cancel: DEADLINE_EXCEEDED (timeout) at the deadline, else CANCELLED (client_error).
 */
export function careMetricsInterceptor(options: CareMetricsInterceptorOptions): ServerInterceptor {
  const problems: ConfigProblem[] = [];
  const o = (options ?? {}) as Partial<CareMetricsInterceptorOptions>;
  checkMetrics(problems, o.metrics);
  checkFunction(problems, 'operation', o.operation);
  const tenantKey = checkMetadataKey(problems, 'tenantMetadataKey', o.tenantMetadataKey);
  const vendorKey = checkMetadataKey(problems, 'vendorMetadataKey', o.vendorMetadataKey);
  if (problems.length > 0) throw new ConfigError(problems);
  const metrics = o.metrics!;
  const operation = o.operation;

  // Paths are the server's registered methods, a closed set: resolve each once.
  const handles = new Map<string, OperationHandle>();
  const handleOf = (path: string): OperationHandle => {
    let handle = handles.get(path);
    if (handle === undefined) {
      let name: LabelValue = path.startsWith('/') ? path.slice(1) : path;
      if (operation !== undefined) {
        try {
          name = operation(path);
        } catch (err) {
          metrics.instrumentationError(err, 'resolver');
          name = INVALID;
        }
      }
      handle = metrics.operation(name);
      handles.set(path, handle);
    }
    return handle;
  };

  return (method: ServerMethodDefinition<unknown, unknown>, call: ServerInterceptingCallInterface) => {
    let handle: OperationHandle | undefined;
    let timer: CallTimer | undefined;
    let tenant: string | undefined;
    let vendor: string | undefined;
    let recorded = false;

    const record = (code: number, name: string) => {
      if (recorded) return;
      recorded = true;
      try {
        handle ??= handleOf(method.path);
        const outcome = outcomeOfGrpcStatus(code);
        // No metadata means no start time: count the call without a duration rather than a made-up one.
        if (timer !== undefined) timer.end({ outcome, code: name });
        else handle.record(outcome, undefined, name, tenant, vendor);
      } catch (err) {
        metrics.instrumentationError(err);
      }
    };

    const listener = new ServerListenerBuilder()
      .withOnReceiveMetadata((metadata, next) => {
        try {
          handle = handleOf(method.path);
          tenant = metadataLabel(metadata, tenantKey);
          vendor = metadataLabel(metadata, vendorKey);
          timer = handle.start(tenant, vendor);
        } catch (err) {
          metrics.instrumentationError(err);
        }
        next(metadata);
      })
      // grpc-js reports a cancel after every call, finished or not; only one that ended without a
      // status through us is recorded here (see careMetricsInterceptor).
      .withOnCancel(() => {
        if (recorded) return;
        if (deadlinePassed(call)) record(4, 'DEADLINE_EXCEEDED');
        else record(1, 'CANCELLED');
      })
      .build();

    const responder = new ResponderBuilder()
      .withStart((next) => next(listener))
      .withSendStatus((status, next) => {
        record(status.code, grpcStatusName(status.code));
        next(status);
      })
      .build();

    return new ServerInterceptingCall(call, responder);
  };
}
