import type { CareMetrics } from '../../../src/index.js';
import type { SloObjective } from '../../../src/slo/SloObjective.js';
import { DAY, TICK } from '../simulation.js';

/** 99.9 % per vendor over 30 days, the two busiest vendors on their own, the rest as __other__. */
export const GROUPED_SLO: SloObjective = {
  name: 'by-vendor',
  objective: 0.999,
  window: 30 * DAY,
  groupBy: { label: 'vendor', top: 2 },
};

/** Calls of one tick, per vendor: [ok, failed]. */
export type VendorMix = Record<string, [number, number]>;

/** Four vendors on a usual day: busy days, quiet nights, one of them failing now and then. */
export function vendorDay(t: number): VendorMix {
  const hour = Math.floor((t % DAY) / 3600);
  const busy = hour >= 7 && hour < 19 ? 3 : 1;
  return {
    'apotheek-soft': [4 * busy, Math.floor(t / TICK) % 100 === 0 ? 1 : 0],
    'medi-sys': [2 * busy, Math.floor(t / TICK) % 50 === 0 ? 1 : 0],
    kleinsoft: [1, 0],
    'tiny-ict': [Math.floor(t / TICK) % 4 === 0 ? 1 : 0, 0],
  };
}

export function recordMix(metrics: CareMetrics, mix: VendorMix): void {
  for (const [vendor, [ok, failed]] of Object.entries(mix)) {
    // Vendors are counted per call of a tenant (a pharmacy) using their software.
    const call = { operation: 'fetch-medication-history', tenant: `pharmacy-of-${vendor}`, vendor };
    for (let i = 0; i < ok; i++) metrics.recordCall({ ...call, outcome: 'success', code: 200 });
    for (let i = 0; i < failed; i++) metrics.recordCall({ ...call, outcome: 'server_error', code: 503 });
  }
}
