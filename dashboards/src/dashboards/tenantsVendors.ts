import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { OTHER } from '@hartslag/metrics/contract';
import { finish, hartslagDashboard, thresholds } from '../shared/dashboard.js';
import { drillToVendor } from '../shared/links.js';
import { bargauge, stat, table, timeseries } from '../shared/panels.js';
import { BURNING, errorRatio, LABELS, METRICS, sel, sumRate, VAR } from '../shared/promql.js';
import { prom } from '../shared/queries.js';

const TENANT_VARS = [VAR.service, VAR.vendor, VAR.tenant] as const;
const VENDOR_VARS = [VAR.service, VAR.vendor] as const;
const T = sel(TENANT_VARS);
const V = sel(VENDOR_VARS);
const { tenant, vendor } = LABELS;

/** More than this share of failing calls counts a vendor or tenant as "failing" in the who-is-hurt stat. */
const FAILING = 0.01;

/**
 * "Is it one pharmacy, one vendor, or everyone?": calls and errors by tenant and software vendor,
 * and how much traffic the tenant cap folds into `__other__`.
 */
export function tenantsVendors(): Dashboard {
  const b = hartslagDashboard('tenantsVendors', {
    description:
      'Top tenants, errors by vendor and tenant, and the overflow into __other__: is it one pharmacy, one vendor, or everyone?',
    variables: TENANT_VARS,
    from: 'now-6h',
    tags: ['tenants'],
  });
  b.withPanel(
    stat({
      title: 'One pharmacy, one vendor, or everyone?',
      description: `Share of vendors and of tenants with more than ${FAILING * 100}% budget-spending errors right now. One tenant failing: call that pharmacy (its configuration or its network). All tenants of one vendor: the vendor's software or release — contact the vendor. Close to 100% of both: the platform itself is down, follow the SLO overview.`,
      queries: [
        prom(`avg(${errorRatio(METRICS.vendorCalls, VENDOR_VARS, [vendor])} > bool ${FAILING})`, 'vendors failing', {
          instant: true,
        }),
        prom(
          `avg(${errorRatio(METRICS.tenantCalls, TENANT_VARS, [tenant, vendor])} > bool ${FAILING})`,
          'tenants failing',
          { instant: true },
        ),
      ],
      span: 8,
      height: 7,
      unit: 'percentunit',
      thresholds: thresholds([null, 'green'], [0.01, 'orange'], [0.5, 'red']),
    }),
  );
  b.withPanel(
    bargauge({
      title: 'Error ratio by vendor now',
      description:
        'Budget-spending error ratio per software vendor, exact whatever the tenant cap does. One bar far above the others: that vendor\u2019s software or release — click it for its tenants.',
      queries: [prom(errorRatio(METRICS.vendorCalls, VENDOR_VARS, [vendor]), '{{vendor}}', { instant: true })],
      span: 8,
      height: 7,
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: thresholds([null, 'green'], [FAILING, 'orange'], [0.5, 'red']),
      links: [drillToVendor()],
    }),
  );
  b.withPanel(
    stat({
      title: `Calls counted under ${OTHER}`,
      description: `Share of tenant calls counted under tenant="${OTHER}" because the tenant held no series of its own (the cap of @hartslag/metrics). Vendor totals stay exact. Rising steadily: more tenants than the cap — raise tenants.max if Prometheus can take the series; a sudden jump: a scan or a bug sending random tenant ids.`,
      queries: [
        prom(
          `${sumRate(METRICS.tenantCalls, sel([VAR.service], `${tenant}="${OTHER}"`))} / ${sumRate(METRICS.tenantCalls, sel([VAR.service]))}`,
          `share under ${OTHER}`,
          { instant: true },
        ),
      ],
      span: 8,
      height: 7,
      unit: 'percentunit',
      decimals: 1,
      thresholds: thresholds([null, 'green'], [0.05, 'orange'], [0.25, 'red']),
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Top 10 tenants by calls per second',
      description:
        'The ten busiest tenants. One tenant far above the rest, or a new one at the top, is the pharmacy or practice that overloads everything: throttle it or call it before it burns everyone\u2019s budget.',
      queries: [prom(`topk(10, ${sumRate(METRICS.tenantCalls, T, [tenant, vendor])})`, '{{tenant}} ({{vendor}})')],
      span: 12,
      height: 9,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Top 10 tenants by failing calls per second',
      description:
        'The ten tenants with the most budget-spending errors. If the list is a cross-section of all vendors, the platform is failing; if it is one vendor\u2019s tenants, look at that vendor.',
      queries: [
        prom(
          `topk(10, ${sumRate(METRICS.tenantCalls, sel(TENANT_VARS, BURNING), [tenant, vendor])})`,
          '{{tenant}} ({{vendor}})',
        ),
      ],
      span: 12,
      height: 9,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Error ratio by vendor',
      description:
        'Budget-spending error ratio per software vendor over time. Lines rising together: the platform; one line alone: that vendor. Click a line for its tenants.',
      queries: [prom(errorRatio(METRICS.vendorCalls, VENDOR_VARS, [vendor]), '{{vendor}}')],
      span: 12,
      height: 9,
      unit: 'percentunit',
      min: 0,
      links: [drillToVendor()],
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Calls per second by vendor',
      description:
        'Traffic per software vendor. One vendor\u2019s line dropping to zero while others continue: that vendor\u2019s systems stopped calling (their outage, or a certificate we rejected).',
      queries: [prom(sumRate(METRICS.vendorCalls, V, [vendor]), '{{vendor}}')],
      span: 12,
      height: 9,
      unit: 'reqps',
      stack: true,
    }),
  );
  b.withPanel(
    timeseries({
      title: `Calls per second into ${OTHER}`,
      description: `Calls per second counted under tenant="${OTHER}" (care_tenant_overflow_total). Zero is normal below the cap.`,
      queries: [prom(sumRate(METRICS.tenantOverflow, sel([VAR.service]), [LABELS.service]), '{{service}}')],
      span: 8,
      height: 8,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    table({
      title: 'Tenants by error ratio (time range)',
      description:
        'The 20 tenants with the highest budget-spending error ratio over the selected range, with their vendor. Use it after an incident to see whom to inform.',
      queries: [
        prom(`topk(20, ${errorRatio(METRICS.tenantCalls, TENANT_VARS, [tenant, vendor], '$__range')})`, '', {
          instant: true,
          table: true,
        }),
      ],
      span: 16,
      height: 8,
      unit: 'percentunit',
    }),
  );
  return finish(b);
}
