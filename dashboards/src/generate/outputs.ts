import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SloSpec } from '@hartslag/slo';
import { dashboardProvisioning, datasourceProvisioning } from '../provisioning/grafana.js';
import { prometheusConfig, prometheusRules } from '../provisioning/prometheus.js';
import { readSpecs } from '../shared/slos.js';
import { buildDashboards } from './buildDashboards.js';

/** dashboards/, where the generated files live (paths below are relative to it). */
export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface Output {
  /** Relative to dashboards/, with `/`. */
  path: string;
  content: string;
}

/** Every generated file: the dashboards' JSON, Grafana provisioning, and the Prometheus files. */
export function generateOutputs(specs: readonly SloSpec[] = readSpecs()): Output[] {
  return [
    ...buildDashboards(specs).map((d) => ({ path: `json/${d.uid}.json`, content: d.json })),
    { path: 'provisioning/datasources/prometheus.yaml', content: datasourceProvisioning() },
    { path: 'provisioning/dashboards/hartslag.yaml', content: dashboardProvisioning() },
    { path: 'prometheus/rules.yaml', content: prometheusRules(specs) },
    { path: 'prometheus/prometheus.yml', content: prometheusConfig(specs) },
  ];
}

/** Paths under `dir` whose content differs from the generated one, or that are missing. */
export function drifted(outputs: readonly Output[], dir: string): string[] {
  return outputs
    .filter((o) => {
      const file = join(dir, o.path);
      return !existsSync(file) || readFileSync(file, 'utf8') !== o.content;
    })
    .map((o) => o.path);
}

/** Writes the outputs under `dir`; returns the paths that changed. */
export function writeOutputs(outputs: readonly Output[], dir: string): string[] {
  const changed = drifted(outputs, dir);
  for (const o of outputs) {
    if (!changed.includes(o.path)) continue;
    const file = join(dir, o.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, o.content);
  }
  return changed;
}
