import type { Outcome } from '../contract/outcomes.js';

/**
 * gRPC status names by code (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). Written
 * out rather than read from @grpc/grpc-js so this table costs nothing to services without gRPC;
 * the codes are fixed by the protocol.
 */
const NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

/**
 * Outcome by code, in NAMES order. Only `server_error` and `timeout` burn the downtime budget, so
 * the split follows who is at fault:
 * - OK → success.
 * - INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, OUT_OF_RANGE → client_error:
 *   the request was wrong for the system's state; retrying it unchanged fails again.
 *   CANCELLED → client_error too: the caller gave up (a cancel at the deadline is told apart by
 *   the interceptor and counted as a timeout).
 * - PERMISSION_DENIED, UNAUTHENTICATED → denied: the platform refusing a caller without contract or
 *   credentials is working as intended. RESOURCE_EXHAUSTED → denied: it is a quota or rate limit
 *   refusing one tenant's excess (gRPC's 429), not the platform failing.
 * - DEADLINE_EXCEEDED → timeout.
 * - UNKNOWN, INTERNAL, UNAVAILABLE, DATA_LOSS → server_error. UNIMPLEMENTED → server_error: a
 *   deployed client calling a method the server lacks is a platform rollout fault, not the caller's.
 *   ABORTED → server_error: a concurrency conflict (a lost transaction race) inside the server;
 *   the caller did nothing wrong and a retry succeeds.
 */
const OUTCOMES: readonly Outcome[] = [
  'success',
  'client_error',
  'server_error',
  'client_error',
  'timeout',
  'client_error',
  'client_error',
  'denied',
  'denied',
  'client_error',
  'server_error',
  'client_error',
  'server_error',
  'server_error',
  'server_error',
  'server_error',
  'denied',
];

/**
 * The outcome of a gRPC status code (see OUTCOMES above for the mapping and why). A code outside
 * the protocol is read as UNKNOWN, as gRPC clients must: a server error.
 */
export function outcomeOfGrpcStatus(code: number): Outcome {
  return OUTCOMES[code] ?? 'server_error';
}

/**
 * The status name used as the `code` label, e.g. "DEADLINE_EXCEEDED": names, not numbers, so
 * dashboards read without a lookup table. A code outside the protocol is "UNKNOWN", keeping the
 * label set closed.
 */
export function grpcStatusName(code: number): string {
  return NAMES[code] ?? 'UNKNOWN';
}
