import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { SloSpec } from '@hartslag/slo';
import { dailyRhythm } from '../dashboards/dailyRhythm.js';
import { loadTest } from '../dashboards/loadTest.js';
import { logwatch } from '../dashboards/logwatch.js';
import { pipelines } from '../dashboards/pipelines.js';
import { serviceCalls } from '../dashboards/serviceCalls.js';
import { sloOverview } from '../dashboards/sloOverview.js';
import { tenantsVendors } from '../dashboards/tenantsVendors.js';
import { readSpecs, sloLimits } from '../shared/slos.js';
import { formatJson } from './format.js';
import { stableJson } from './json.js';

export interface BuiltDashboard {
  uid: string;
  title: string;
  /** The dashboard model, typed by the foundation SDK. */
  dashboard: Dashboard;
  /** What dashboards/json/<uid>.json holds: keys sorted, formatted by the repository's biome. */
  json: string;
}

/**
 * Every Hartslag dashboard, in the order of the README's table. `format` lays out the JSON; the
 * default is the repository's biome, which `hartslag init` in a team's repo does not have.
 */
export function buildDashboards(
  specs: readonly SloSpec[] = readSpecs(),
  format: (json: string, name: string) => string = formatJson,
): BuiltDashboard[] {
  const limits = sloLimits(specs);
  return [
    sloOverview(limits),
    serviceCalls(),
    tenantsVendors(),
    dailyRhythm(),
    loadTest(),
    pipelines(),
    logwatch(),
  ].map((dashboard) => ({
    uid: dashboard.uid!,
    title: dashboard.title!,
    dashboard,
    json: format(stableJson(dashboard), `${dashboard.uid}.json`),
  }));
}
