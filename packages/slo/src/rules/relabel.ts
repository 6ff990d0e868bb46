import { RelabelError } from '../errors.js';
import type { SloSpec } from '../model/Slo.js';

/** One entry of a scrape job's `metric_relabel_configs`, as Prometheus reads it. */
export interface MetricRelabelConfig {
  source_labels: string[];
  regex: string;
  target_label: string;
  replacement: string;
}

/**
 * For a process that hosts operations of several services of the specs (a modular monolith, or
 * the reference platform): @hartslag/metrics labels every series of a process with one `service`,
 * while the specs — and the rules generated from them — name the service each operation belongs
 * to. These relabellings give each series the spec's service, by operation, at scrape time.
 * Series without an operation (tenant and vendor totals) keep the process's service.
 */
export function serviceRelabelling(specs: readonly SloSpec[], processService: string): MetricRelabelConfig[] {
  const operationsOf = new Map<string, Set<string>>();
  for (const slo of specs.flatMap((s) => s.slos)) {
    if (slo.operation === undefined || slo.service === processService) continue;
    const ops = operationsOf.get(slo.service) ?? new Set<string>();
    ops.add(slo.operation);
    operationsOf.set(slo.service, ops);
  }
  const claimed = new Map<string, string>();
  for (const [service, ops] of operationsOf) {
    for (const op of ops) {
      const other = claimed.get(op);
      if (other !== undefined && other !== service) {
        throw new RelabelError(
          `operation "${op}" belongs to services "${other}" and "${service}" in the specs: relabelling by operation cannot tell them apart; give the operation one service`,
        );
      }
      claimed.set(op, service);
    }
  }
  return [...operationsOf].map(([service, ops]) => ({
    source_labels: ['service', 'operation'],
    regex: `${escapeRegex(processService)};(${[...ops].sort().map(escapeRegex).join('|')})`,
    target_label: 'service',
    replacement: service,
  }));
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
