import { stringify } from 'yaml';
import { DATASOURCE_UID } from '../shared/datasource.js';
import { COMPOSE, SCRAPE_INTERVAL } from './compose.js';
import { YAML_HEADER } from './header.js';

const yaml = (doc: unknown) => YAML_HEADER + stringify(doc, { lineWidth: 0, indent: 2 });

/** provisioning/datasources/prometheus.yaml: the Prometheus every dashboard queries, by its fixed uid. */
export function datasourceProvisioning(): string {
  return yaml({
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        type: 'prometheus',
        uid: DATASOURCE_UID,
        access: 'proxy',
        url: COMPOSE.prometheusUrl,
        isDefault: true,
        editable: false,
        // Grafana's $__rate_interval is four times this: rate windows never hold a single sample.
        jsonData: { timeInterval: SCRAPE_INTERVAL, httpMethod: 'POST' },
      },
    ],
  });
}

/** provisioning/dashboards/hartslag.yaml: loads the generated JSON into a "Hartslag" folder. */
export function dashboardProvisioning(): string {
  return yaml({
    apiVersion: 1,
    providers: [
      {
        name: 'hartslag',
        orgId: 1,
        folder: 'Hartslag',
        type: 'file',
        disableDeletion: true,
        // Generated files are the source of truth: edits in the UI would be overwritten anyway.
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path: COMPOSE.dashboardsPath, foldersFromFilesStructure: false },
      },
    ],
  });
}
