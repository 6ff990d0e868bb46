/**
 * gRPC status names by code (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). Written
 * out rather than read from @grpc/grpc-js so this table costs nothing to services without gRPC
 * (and to probes, which speak the health protocol over node:http2); the codes are fixed by the protocol.
 */
export const GRPC_STATUS_NAMES = [
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
 * The status name used as the `code` label, e.g. "DEADLINE_EXCEEDED": names, not numbers, so
 * dashboards read without a lookup table. A code outside the protocol is "UNKNOWN", keeping the
 * label set closed.
 */
export function grpcStatusName(code: number): string {
  return GRPC_STATUS_NAMES[code] ?? 'UNKNOWN';
}
