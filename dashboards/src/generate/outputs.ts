import { fileURLToPath } from 'node:url';
import type { GeneratedFile } from '@hartslag/common/generated';
import type { SloSpec } from '@hartslag/slo';
import { dashboardProvisioning, datasourceProvisioning } from '../provisioning/grafana.js';
import { prometheusConfig, prometheusRules } from '../provisioning/prometheus.js';
import { readSpecs } from '../shared/slos.js';
import { buildDashboards } from './buildDashboards.js';

/** dashboards/, where the generated files live (paths below are relative to it). */
export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** A generated file, its path relative to dashboards/. */
export type Output = GeneratedFile;

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
