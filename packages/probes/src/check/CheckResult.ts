import type { Outcome, ProbeFailureCode } from '@hartslag/metrics/contract';

/** What one run of a probe found; recorded as a call with its outcome, code and duration. */
export interface CheckResult {
  /** `success`, `timeout`, or `server_error` for every other failure: the target failed us. */
  outcome: Outcome;
  /** HTTP status, gRPC serving status, one of PROBE_FAILURE_CODES, or "" (a TCP connect has none). */
  code: string | number;
  seconds: number;
  /** One plain sentence for logs and the self-test, e.g. "connection refused by 127.0.0.1:9". */
  detail: string;
}

export function failed(code: ProbeFailureCode, seconds: number, detail: string): CheckResult {
  return { outcome: code === 'timeout' ? 'timeout' : 'server_error', code, seconds, detail };
}
