/**
 * Synthetic probes (@hartslag/probes) record their checks as ordinary calls, so every rule,
 * evaluator and status page judges them without a change. They are told apart by the operation
 * alone: `probe:<probe name>`. A `source` label would have split every series of every service
 * (and every generated rule's `by` clause) for the sake of one process; an operation prefix costs
 * nothing where probes are absent and selects them with `operation=~"probe:.+"`.
 */
export const PROBE_OPERATION_PREFIX = 'probe:';

/** The `operation` label of a probe's calls. */
export function probeOperation(probe: string): string {
  return `${PROBE_OPERATION_PREFIX}${probe}`;
}

/** True for an operation a probe recorded. */
export function isProbeOperation(operation: string): boolean {
  return operation.startsWith(PROBE_OPERATION_PREFIX) && operation.length > PROBE_OPERATION_PREFIX.length;
}

/**
 * The `code` label of a probe call that got no answer to judge, a closed set (an answered HTTP
 * probe has its status, e.g. 503; a gRPC health probe its serving status, e.g. NOT_SERVING):
 * - refused: the port answered with a reset (nothing listens);
 * - unreachable: no route, or the name does not resolve;
 * - timeout: no complete answer within the probe's timeout (a hang);
 * - tls: the TLS handshake failed (expired, self-signed or wrong-name certificate);
 * - body_mismatch: answered with the expected status, but the body lacks the expected text;
 * - status_mismatch: answered, with another status than expected;
 * - protocol: the answer was not the protocol spoken (e.g. not HTTP/2 gRPC);
 * - error: anything else, reported with its cause by the probe runner.
 */
export const PROBE_FAILURE_CODES = [
  'refused',
  'unreachable',
  'timeout',
  'tls',
  'body_mismatch',
  'status_mismatch',
  'protocol',
  'error',
] as const;

export type ProbeFailureCode = (typeof PROBE_FAILURE_CODES)[number];
