import type { CallRecord } from '../../src/index.js';

const OUTCOMES = ['success', 'client_error', 'server_error', 'timeout', 'denied'] as const;
const OPERATIONS = ['register-dispensation', 'fetch-medication-history', 'fetch-prescription'];

export interface FullCall {
  operation: string;
  outcome: (typeof OUTCOMES)[number];
  code: string;
  seconds: number;
  tenant: string;
  vendor: string;
}

/**
 * A deterministic mix of calls: three operations, skewed outcomes and tenants, three vendors.
 * With `gaps`, some calls have no code or no duration, as real callers leave them out.
 */
export function callMix(n: number, options: { seed?: number; gaps: true }): CallRecord[];
export function callMix(n: number, options?: { seed?: number; gaps?: false }): FullCall[];
export function callMix(n: number, { seed = 42, gaps = false }: { seed?: number; gaps?: boolean } = {}) {
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const out: CallRecord[] = [];
  for (let i = 0; i < n; i++) {
    const outcome = OUTCOMES[Math.floor(rnd() * rnd() * 5)]!;
    const code =
      outcome === 'success' ? '200' : outcome === 'denied' ? 'no_contract' : outcome === 'timeout' ? '504' : '500';
    const tenant = `apotheek-${String(Math.floor(rnd() * rnd() * 40)).padStart(4, '0')}`;
    const seconds = rnd() ** 3 * 4;
    out.push({
      operation: OPERATIONS[i % 3]!,
      outcome,
      code: gaps && i % 7 === 0 ? undefined : gaps && outcome === 'success' ? 200 : code,
      seconds: gaps && i % 11 === 0 ? undefined : seconds,
      tenant,
      vendor: `vendor-${tenant.charCodeAt(tenant.length - 1) % 3}`,
    });
  }
  return out;
}
