import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * The provisioned Prometheus data source. The panel plugin's own provisioning
 * (packages/grafana-panel/provisioning) uses the same uid, so its dashboards and ours open on one
 * Grafana without editing.
 */
export const DATASOURCE_UID = 'hartslag-prometheus';

export const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: DATASOURCE_UID };
