import { OUTCOMES, type Outcome } from '../src/index.js';

export interface BenchCall {
  operation: string;
  outcome: Outcome;
  code: string;
  seconds: number;
  tenant: string;
  vendor: string;
}

const OPERATIONS = ['register-dispensation', 'fetch-medication-history', 'fetch-prescription', 'send-message', 'login'];

/** A fixed, realistic mix: 5 operations, mostly success, 5,000 pharmacies on 12 vendors. */
export function calls(n: number): BenchCall[] {
  let seed = 2024;
  const rnd = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const out: BenchCall[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const outcome: Outcome =
      r < 0.95 ? 'success' : r < 0.97 ? 'client_error' : r < 0.985 ? 'server_error' : r < 0.99 ? 'timeout' : 'denied';
    const code = { success: '200', client_error: '400', server_error: '503', timeout: '504', denied: 'no_contract' }[
      outcome
    ];
    const t = Math.floor(rnd() * 5_000);
    out.push({
      operation: OPERATIONS[i % OPERATIONS.length]!,
      outcome,
      code,
      seconds: rnd() ** 3 * 2,
      tenant: `apotheek-${t}`,
      vendor: `vendor-${t % 12}`,
    });
  }
  return out;
}

/** Tenants of the scrape benchmarks: 11,000 × 5 outcomes = 55,000 tenant series. */
export const SCRAPE_TENANTS = 11_000;

/**
 * Records the scrape benchmarks' data through `record`: every tenant once per outcome, one
 * operation, 12 vendors — the same calls for ours and for prom-client.
 */
export function scrapeCalls(record: (c: BenchCall) => void): void {
  for (let t = 0; t < SCRAPE_TENANTS; t++) {
    for (const outcome of OUTCOMES) {
      record({
        operation: 'fetch-medication-history',
        outcome,
        code: '200',
        seconds: 0.05,
        tenant: `apotheek-${t}`,
        vendor: `vendor-${t % 12}`,
      });
    }
  }
}
