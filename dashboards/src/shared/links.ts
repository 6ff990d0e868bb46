import { DashboardLinkBuilder, DashboardLinkType } from '@grafana/grafana-foundation-sdk/dashboard';
import { LABELS } from './promql.js';
import { DASHBOARDS, TAG } from './uids.js';

/** One menu listing every Hartslag dashboard, keeping the time range and the selected variables. */
export function dashboardLinks(): DashboardLinkBuilder[] {
  return [
    new DashboardLinkBuilder('Hartslag dashboards')
      .type(DashboardLinkType.Dashboards)
      .tags([TAG])
      .asDropdown(true)
      .includeVars(true)
      .keepTime(true)
      .targetBlank(false)
      .icon('external link')
      .tooltip('')
      .url(''),
  ];
}

/**
 * A data link from a series of one SLO (labels service and operation) to the service-calls
 * dashboard for that service and operation, keeping the time range.
 */
export function drillToServiceCalls(): DashboardLinkBuilder {
  return dataLink(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's data-link placeholder, filled in by Grafana.
    'Calls of ${__field.labels.service} · ${__field.labels.operation}',
    `/d/${DASHBOARDS.serviceCalls.uid}?\${__url_time_range}&var-${LABELS.service}=\${__field.labels.${LABELS.service}}` +
      `&var-${LABELS.operation}=\${__field.labels.${LABELS.operation}}`,
  );
}

/** A data link from a vendor's series to the tenants of that vendor. */
export function drillToVendor(): DashboardLinkBuilder {
  return dataLink(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's data-link placeholder, filled in by Grafana.
    'Tenants of ${__field.labels.vendor}',
    `/d/${DASHBOARDS.tenantsVendors.uid}?\${__url_time_range}&\${service:queryparam}&var-${LABELS.vendor}=\${__field.labels.${LABELS.vendor}}`,
  );
}

/** A link in the same tab to `url`; Grafana fills in the `${…}` placeholders. */
function dataLink(title: string, url: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder(title)
    .type(DashboardLinkType.Link)
    .url(url)
    .targetBlank(false)
    .icon('')
    .tooltip('')
    .tags([])
    .asDropdown(false)
    .includeVars(false)
    .keepTime(false);
}
