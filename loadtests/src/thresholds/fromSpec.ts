import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSpec, type Slo, type SloSpec } from '@hartslag/slo';
import { LoadtestError } from '../errors.js';
import type { OperationThresholds } from './Thresholds.js';

/** The spec files the thresholds come from: the platform's objectives, and the load tests' latency objectives. */
export const SPEC_FILES: readonly string[] = [
  fileURLToPath(new URL('../../../packages/slo/examples/slos.yaml', import.meta.url)),
  fileURLToPath(new URL('../../slos.yaml', import.meta.url)),
];

/** Percentiles both engines report: k6 any, Artillery's summaries p50 … p99, p999. */
const PERCENTILES = [50, 75, 90, 95, 99, 99.9];
/** A latency SLI counts calls in a histogram bucket: `…_bucket{…,le="0.5"}`. */
const BUCKET = /_bucket\{[^}]*\ble="([0-9.]+)"/;
const OPERATION = /\boperation="([^"]+)"/;

/** Reads and parses the spec files (paths as given are used in messages). */
export function readSpecs(files: readonly string[] = SPEC_FILES): SloSpec[] {
  return files.map((file) => parseSpec(readFileSync(file, 'utf8'), file));
}

/**
 * Per operation, the limits a load test checks: an availability SLO (target 0.999) allows an error
 * ratio of 0.001; a latency SLO (share of calls within a bucket bound, target 0.99, bound 0.5 s)
 * is a p99 of at most 500 ms. SLOs for a whole service (no operation) give no per-operation limit.
 * When several SLOs limit the same thing, the strictest wins.
 */
export function thresholdsFromSpecs(specs: readonly SloSpec[]): OperationThresholds[] {
  const byOperation = new Map<string, OperationThresholds>();
  for (const spec of specs) {
    for (const slo of spec.slos) {
      const operation = operationOf(slo);
      if (operation === undefined) continue;
      const t = byOperation.get(operation) ?? { operation, latency: [] };
      byOperation.set(operation, t);
      const bound = latencyBound(slo);
      if (bound === undefined) {
        const ratio = Number((1 - slo.objective).toFixed(6));
        if (t.maxErrorRatio === undefined || ratio < t.maxErrorRatio) {
          t.maxErrorRatio = ratio;
          t.errorSlo = slo.name;
        }
        continue;
      }
      const percentile = Number((slo.objective * 100).toFixed(3));
      if (!PERCENTILES.includes(percentile)) {
        throw new LoadtestError(
          'HARTSLAG_ERR_LOADTEST_THRESHOLDS',
          `${slo.source.file}:${slo.source.line}: latency SLO ${slo.name} has target ${slo.objective}; load tests check percentiles ${PERCENTILES.map((p) => p / 100).join(', ')} only — use one of those targets`,
        );
      }
      const maxMs = Math.round(bound * 1000);
      const same = t.latency.find((l) => l.percentile === percentile);
      if (same === undefined) t.latency.push({ percentile, maxMs, slo: slo.name });
      else if (maxMs < same.maxMs) Object.assign(same, { maxMs, slo: slo.name });
    }
  }
  const list = [...byOperation.values()];
  for (const t of list) t.latency.sort((a, b) => a.percentile - b.percentile);
  return list.sort((a, b) => a.operation.localeCompare(b.operation));
}

/** The thresholds of the committed spec files. */
export function loadThresholds(files: readonly string[] = SPEC_FILES): OperationThresholds[] {
  return thresholdsFromSpecs(readSpecs(files));
}

function operationOf(slo: Slo): string | undefined {
  if (slo.operation !== undefined) return slo.operation;
  if (slo.indicator.kind === 'care') return slo.indicator.selector.operation;
  const queries = [slo.indicator.good, slo.indicator.bad, slo.indicator.total];
  for (const q of queries) {
    const m = q === undefined ? null : OPERATION.exec(q);
    if (m) return m[1];
  }
  return undefined;
}

/** Seconds of the bucket a latency SLI counts as good, or undefined for an availability SLI. */
function latencyBound(slo: Slo): number | undefined {
  if (slo.indicator.kind !== 'ratio' || slo.indicator.good === undefined) return undefined;
  const m = BUCKET.exec(slo.indicator.good);
  return m ? Number(m[1]) : undefined;
}
