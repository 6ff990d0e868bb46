import type { Outcome } from '../contract/outcomes.js';

/**
 * Outcome by code, in the order of the contract's GRPC_STATUS_NAMES. Only `server_error` and `timeout` burn the downtime budget, so
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

export { grpcStatusName } from '../contract/grpc.js';
