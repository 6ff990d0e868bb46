import * as promClient from 'prom-client';
import { DEFAULT_DURATION_BUCKETS } from '../../src/contract/buckets.js';

/**
 * What a team writes by hand with prom-client to record one call: the baseline that the
 * benchmarks race and that our exposition must equal sample for sample.
 */
export function handwritten(
  registry: unknown,
  service: string,
  // prom-client by default; @prometheus-io/client's classes take the same arguments.
  { Counter, Histogram }: Pick<typeof promClient, 'Counter' | 'Histogram'> = promClient,
) {
  const registers = [registry as promClient.Registry];
  const calls = new Counter({
    name: 'care_calls_total',
    help: 'Calls handled, by operation, outcome and code.',
    labelNames: ['service', 'operation', 'outcome', 'code'],
    registers,
  });
  const duration = new Histogram({
    name: 'care_call_duration_seconds',
    help: 'Call duration in seconds, by operation and outcome.',
    labelNames: ['service', 'operation', 'outcome'],
    buckets: [...DEFAULT_DURATION_BUCKETS],
    registers,
  });
  const tenantCalls = new Counter({
    name: 'care_tenant_calls_total',
    help: 'Calls by tenant.',
    labelNames: ['service', 'tenant', 'vendor', 'outcome'],
    registers,
  });
  return {
    calls,
    duration,
    tenantCalls,
    record(operation: string, outcome: string, seconds: number, code: string, tenant: string, vendor: string) {
      calls.inc({ service, operation, outcome, code });
      duration.observe({ service, operation, outcome }, seconds);
      tenantCalls.inc({ service, tenant, vendor, outcome });
    },
  };
}
