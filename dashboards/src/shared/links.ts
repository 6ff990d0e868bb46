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
  const uid = DASHBOARDS.serviceCalls.uid;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's data-link placeholder, filled in by Grafana.
  return new DashboardLinkBuilder('Calls of ${__field.labels.service} · ${__field.labels.operation}')
    .type(DashboardLinkType.Link)
    .url(
      `/d/${uid}?\${__url_time_range}&var-${LABELS.service}=\${__field.labels.${LABELS.service}}` +
        `&var-${LABELS.operation}=\${__field.labels.${LABELS.operation}}`,
    )
    .targetBlank(false)
    .icon('')
    .tooltip('')
    .tags([])
    .asDropdown(false)
    .includeVars(false)
    .keepTime(false);
}

/** A data link from a vendor's series to the tenants of that vendor. */
export function drillToVendor(): DashboardLinkBuilder {
  const uid = DASHBOARDS.tenantsVendors.uid;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's data-link placeholder, filled in by Grafana.
  return new DashboardLinkBuilder('Tenants of ${__field.labels.vendor}')
    .type(DashboardLinkType.Link)
    .url(
      `/d/${uid}?\${__url_time_range}&\${service:queryparam}&var-${LABELS.vendor}=\${__field.labels.${LABELS.vendor}}`,
    )
    .targetBlank(false)
    .icon('')
    .tooltip('')
    .tags([])
    .asDropdown(false)
    .includeVars(false)
    .keepTime(false);
}
