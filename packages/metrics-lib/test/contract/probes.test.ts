import { describe, expect, it } from 'vitest';
import { isProbeOperation, PROBE_FAILURE_CODES, PROBE_OPERATION_PREFIX, probeOperation } from '../../src/contract.js';
import { createCareMetrics } from '../../src/index.js';

describe('probe operations in the contract', () => {
  it('names a probe operation with the prefix, and tells it from a service operation', () => {
    expect(probeOperation('ehealth')).toBe(`${PROBE_OPERATION_PREFIX}ehealth`);
    expect(isProbeOperation(probeOperation('ehealth'))).toBe(true);
    expect(isProbeOperation('fetch-medication-history')).toBe(false);
    expect(isProbeOperation(PROBE_OPERATION_PREFIX)).toBe(false);
  });

  it('records a probe call with its failure code as an ordinary call', async () => {
    const m = createCareMetrics({ service: 'probes' });
    for (const code of PROBE_FAILURE_CODES)
      m.recordCall({ operation: probeOperation('video'), outcome: 'timeout', code });
    const text = await m.registry?.metrics();
    for (const code of PROBE_FAILURE_CODES) {
      expect(text).toContain(
        `care_calls_total{service="probes",operation="probe:video",outcome="timeout",code="${code}"} 1`,
      );
    }
  });
});
