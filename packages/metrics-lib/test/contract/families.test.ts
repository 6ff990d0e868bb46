import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAMILY_CONTRACT, METRICS, PIPELINE_FAMILY_CONTRACT, PIPELINE_METRICS } from '../../src/contract.js';
import { createCareMetrics } from '../../src/index.js';

/** Label names of each `name{…}` sample line of an exposition, by sample name. */
function labelsBySample(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)\{([^}]*)\}/.exec(line);
    if (!m || out.has(m[1]!)) continue;
    out.set(
      m[1]!,
      [...m[2]!.matchAll(/([a-z_]+)="/g)].map((l) => l[1]!),
    );
  }
  return out;
}

describe('the family contract', () => {
  it('lists the labels the Prometheus exporter writes for every family, in its order', async () => {
    const metrics = createCareMetrics({ service: 'contract-check' });
    metrics.recordCall({ operation: 'login', outcome: 'success', seconds: 0.1, tenant: 'apotheek-1', vendor: 'v1' });
    metrics.recordCall({ operation: 'login', outcome: 'client_error', seconds: 0.1, tenant: 'x@example.org' });
    const samples = labelsBySample((await metrics.registry!.metrics()) as string);
    for (const [key, family] of Object.entries(FAMILY_CONTRACT)) {
      const name = METRICS[key as keyof typeof METRICS];
      const sample = family.type === 'histogram' ? `${name}_bucket` : name;
      if (!samples.has(sample)) continue;
      const labels = samples.get(sample)!.filter((l) => l !== 'le');
      expect(labels, name).toEqual(family.labels);
    }
    // The families above were really seen, not skipped.
    expect(samples.has(METRICS.calls) && samples.has(`${METRICS.callDuration}_bucket`)).toBe(true);
    expect(samples.has(METRICS.tenantCalls) && samples.has(METRICS.vendorCalls)).toBe(true);
    expect(samples.has(METRICS.labelRedactions)).toBe(true);
  });

  it('is the table of docs/metrics.md, row by row', () => {
    const docs = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    const rows = [...docs.matchAll(/^\| `(care_\w+)`\s*\| (counter|histogram|gauge)\s*\| ([^|]+)\|/gm)].map((m) => [
      m[1],
      m[2],
      [...m[3]!.matchAll(/`(\w+)`/g)].map((l) => l[1]),
    ]);
    expect(rows).toEqual([
      ...Object.entries(FAMILY_CONTRACT).map(([key, f]) => [METRICS[key as keyof typeof METRICS], f.type, f.labels]),
      ...Object.entries(PIPELINE_FAMILY_CONTRACT).map(([key, f]) => [
        PIPELINE_METRICS[key as keyof typeof PIPELINE_METRICS],
        f.type,
        f.labels,
      ]),
    ]);
  });
});
