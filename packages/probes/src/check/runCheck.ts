import type { ProbeSpec } from '../config/ProbeSpec.js';
import type { CheckResult } from './CheckResult.js';
import { grpcHealthCheck } from './grpcHealthCheck.js';
import { httpCheck } from './httpCheck.js';
import { tcpCheck } from './tcpCheck.js';

/** One run of a probe. Never rejects: every failure is a result. */
export function runCheck(spec: ProbeSpec): Promise<CheckResult> {
  switch (spec.target.kind) {
    case 'http':
      return httpCheck(spec.target, spec.timeoutMs);
    case 'tcp':
      return tcpCheck(spec.target, spec.timeoutMs);
    case 'grpc':
      return grpcHealthCheck(spec.target, spec.timeoutMs);
  }
}
