import { Counter, Histogram, Registry } from 'prom-client';
import { DEFAULT_DURATION_BUCKETS } from '../src/contract/buckets.js';
import { HELP, METRICS } from '../src/contract/names.js';
import { createCareMetrics } from '../src/index.js';
import { handwritten } from '../test/support/handwritten.js';
import { calls } from './data.js';
import { nsPerOp, type Row } from './run.js';

/**
 * recordCall on the same mix with and without a vendor (the per-vendor codes and latency cost
 * only calls that name one), and with a vendor against prom-client writing the same five series
 * by hand: the three of recordCall's baseline plus the vendor's histogram and, on failure, its code.
 */
export async function vendorRecordBench(time: number): Promise<Row[]> {
  const data = calls(4096);
  const mask = data.length - 1;
  const noVendor = data.map(({ vendor: _, ...c }) => c);
  const BATCH = 1000;
  const service = 'medication-history';
  const withVendor = createCareMetrics({ service });
  const without = createCareMetrics({ service });
  const registry = new Registry();
  const theirs = handwritten(registry, service);
  const vendorCodes = new Counter({
    name: METRICS.vendorCodes,
    help: HELP.vendorCodes,
    labelNames: ['service', 'operation', 'vendor', 'code'],
    registers: [registry],
  });
  const vendorDuration = new Histogram({
    name: METRICS.vendorCallDuration,
    help: HELP.vendorCallDuration,
    labelNames: ['service', 'operation', 'vendor'],
    buckets: [...DEFAULT_DURATION_BUCKETS],
    registers: [registry],
  });
  let i = 0;
  const ns = await nsPerOp(
    {
      'prom-client, hand-written (5 calls)': () => {
        for (let k = 0; k < BATCH; k++) {
          const c = data[i++ & mask]!;
          theirs.record(c.operation, c.outcome, c.seconds, c.code, c.tenant, c.vendor);
          vendorDuration.observe({ service, operation: c.operation, vendor: c.vendor }, c.seconds);
          if (c.outcome !== 'success')
            vendorCodes.inc({ service, operation: c.operation, vendor: c.vendor, code: c.code });
        }
      },
      'hartslag recordCall, with vendor': () => {
        for (let k = 0; k < BATCH; k++) withVendor.recordCall(data[i++ & mask]!);
      },
      'hartslag recordCall, without vendor': () => {
        for (let k = 0; k < BATCH; k++) without.recordCall(noVendor[i++ & mask]!);
      },
    },
    BATCH,
    time,
  );
  if (withVendor.instrumentationErrors + without.instrumentationErrors !== 0) {
    throw new Error('the vendor benchmark recorded errors');
  }
  const mine = ns['hartslag recordCall, with vendor']!;
  return [
    {
      name: 'recordCall with a vendor (+ its codes and latency)',
      baselineName: 'prom-client hand-written, 5 calls',
      baseline: ns['prom-client, hand-written (5 calls)']!,
      ours: mine,
      unit: 'ns/call',
      target: 20,
    },
    {
      // What naming a vendor costs: the ratio is below 1 by that cost.
      name: 'recordCall with a vendor against the same calls without',
      baselineName: 'hartslag recordCall without vendor (same mix)',
      baseline: ns['hartslag recordCall, without vendor']!,
      ours: mine,
      unit: 'ns/call',
      target: 0.5,
    },
  ];
}
