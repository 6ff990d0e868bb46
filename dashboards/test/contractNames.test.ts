import { readdirSync, readFileSync } from 'node:fs';
import { definesSeries } from '@hartslag/metrics/contract';
import { seriesNamesIn } from '@hartslag/testkit';
import { describe, expect, it } from 'vitest';

const dir = new URL('../json/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/**
 * Every query of a dashboard: panel targets and annotations (`expr`), and variables, whose
 * `label_values(selector, label)` is Grafana's, around a PromQL selector.
 */
function queries(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(queries);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => {
    if (typeof v !== 'string') return queries(v);
    if (k === 'expr') return [v];
    const labelValues = /^label_values\((.*),\s*\w+\)$/.exec(v);
    return k === 'query' && labelValues !== null ? [labelValues[1]!] : [];
  });
}

/** The series a dashboard reads that the metric contract does not define. */
function unknownSeries(dashboard: unknown): string[] {
  return [...new Set(queries(dashboard).flatMap(seriesNamesIn))].filter((name) => !definesSeries(name));
}

describe('the generated dashboards read only series the metric contract defines', () => {
  it.each(files)('json/%s', (file) => {
    const dashboard: unknown = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    expect(queries(dashboard).length).toBeGreaterThan(0);
    expect(unknownSeries(dashboard)).toEqual([]);
  });

  it('would name a series the contract does not define, in a panel or in a variable', () => {
    const dashboard = {
      panels: [
        { targets: [{ expr: 'sum(rate(care_calls_total[$__rate_interval])) / sum(rate(care_cals_total[5m]))' }] },
      ],
      templating: { list: [{ query: 'label_values(care_tenants_total{service=~"$service"}, tenant)' }] },
    };
    expect(unknownSeries(dashboard)).toEqual(['care_cals_total', 'care_tenants_total']);
  });
});
