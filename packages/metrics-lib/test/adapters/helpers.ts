import { expect } from 'vitest';
import type { CareMetrics } from '../../src/index.js';
import { parseSamples } from '../support/samples.js';

/** A BSN that passes the 11-test: what a careless route would leak into labels. */
export const BSN = '123456782';

/** Pharmacy and hospital ids (AGB-style, pseudonymous) and their software vendors. */
export const VENDORS: Record<string, string> = { 'apotheek-0042': 'pharmacom', 'ziekenhuis-7': 'hix' };
export const vendorOf = (tenant: string) => VENDORS[tenant];

export async function scrape(metrics: CareMetrics): Promise<Map<string, number>> {
  return parseSamples(await metrics.registry!.metrics());
}

/** The care_calls_total sample key, labels in parseSamples order. */
export function callKey(service: string, operation: string, outcome: string, code: string | number): string {
  return `care_calls_total{code="${code}",operation="${operation}",outcome="${outcome}",service="${service}"}`;
}

export function durationCountKey(service: string, operation: string, outcome: string): string {
  return `care_call_duration_seconds_count{operation="${operation}",outcome="${outcome}",service="${service}"}`;
}

export function tenantKey(service: string, tenant: string, vendor: string, outcome: string): string {
  return `care_tenant_calls_total{outcome="${outcome}",service="${service}",tenant="${tenant}",vendor="${vendor}"}`;
}

/** Every call counted, whatever its labels: each request must add exactly one. */
export function totalCalls(samples: Map<string, number>): number {
  let n = 0;
  for (const [k, v] of samples) if (k.startsWith('care_calls_total{')) n += v;
  return n;
}

/** The operations that have a care_calls_total sample. */
export function operations(samples: Map<string, number>): Set<string> {
  const ops = new Set<string>();
  for (const k of samples.keys()) {
    const m = /^care_calls_total\{.*operation="([^"]*)"/.exec(k);
    if (m) ops.add(m[1]!);
  }
  return ops;
}

/** Retries `check` until it passes: for records made by socket events after the client moved on. */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(20);
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The exposition names no patient: not in an operation, not in any other label. */
export function expectNoBsn(exposition: string): void {
  expect(exposition).not.toContain(BSN);
}
