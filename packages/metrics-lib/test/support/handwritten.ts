import { Counter, Histogram, type Registry, type RegistryContentType } from 'prom-client';
import { DEFAULT_DURATION_BUCKETS } from '../../src/contract/buckets.js';

/**
 * What a team writes by hand with prom-client to record one call: the baseline that the
 * benchmarks race and that our exposition must equal sample for sample.
 */
export function handwritten(registry: Registry<RegistryContentType>, service: string) {
  const calls = new Counter({
    name: 'care_calls_total',
    help: 'Calls handled, by operation, outcome and code.',
    labelNames: ['service', 'operation', 'outcome', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'care_call_duration_seconds',
    help: 'Call duration in seconds, by operation and outcome.',
    labelNames: ['service', 'operation', 'outcome'],
    buckets: [...DEFAULT_DURATION_BUCKETS],
    registers: [registry],
  });
  const tenantCalls = new Counter({
    name: 'care_tenant_calls_total',
    help: 'Calls by tenant.',
    labelNames: ['service', 'tenant', 'vendor', 'outcome'],
    registers: [registry],
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
