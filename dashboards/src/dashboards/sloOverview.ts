import { type Dashboard, MappingType } from '@grafana/grafana-foundation-sdk/dashboard';
import { ALERT_WINDOWS, ALERTS, formatDuration, PROMETHEUS_SERIES, SLO_SERIES } from '@hartslag/metrics/contract';
import { GROUP_LABELS } from '@hartslag/slo';
import { finish, hartslagDashboard, thresholds } from '../shared/dashboard.js';
import { drillToServiceCalls } from '../shared/links.js';
import { bargauge, gauge, stat, table, timeseries } from '../shared/panels.js';
import { sel, VAR } from '../shared/promql.js';
import { prom } from '../shared/queries.js';
import type { SloLimits } from '../shared/slos.js';

const VARS = [VAR.service, VAR.operation, VAR.group] as const;
const S = sel(VARS);
const PER_SLO = ['slo', 'service', 'operation'].join(', ');
/** A series of an SLO, and of a grouped SLO its group: "medication-history-by-vendor vendor-c". */
const WHO = `{{slo}} ${GROUP_LABELS.map((l) => `{{${l}}}`).join('')}`;

/** Every window a burn-rate alert reads, shortest first: 5m, 30m, 1h, 2h, 6h, 1d, 3d. */
const BURN_WINDOWS = [...new Set(ALERT_WINDOWS.flatMap((w) => [w.short, w.long]))].sort((a, b) => a - b);

/**
 * Per service and operation: how much downtime budget is left, how fast it burns, whether an
 * outage is running towards the coffee-break limit, and which alerts fire. Reads the `slo:*`
 * series the rules of @hartslag/slo record (dashboards/prometheus/rules.yaml).
 */
export function sloOverview(limits: SloLimits): Dashboard {
  const alerts = `${PROMETHEUS_SERIES.alerts}{alertname=~"${Object.values(ALERTS).join('|')}",${S.slice(1, -1)}}`;
  const silent = `${PROMETHEUS_SERIES.alerts}{alertname="${ALERTS.silence}",${S.slice(1, -1)}}`;
  const b = hartslagDashboard('sloOverview', {
    description:
      'Downtime budgets per SLO: budget left, burn rates per alert window, the current outage against the coffee-break limit, and the alerts firing.',
    variables: VARS,
    from: 'now-24h',
    tags: ['slo'],
  });
  b.withPanel(
    stat({
      title: 'Downtime budget left (SLO period)',
      description:
        'Share of the 30-day error budget still unspent, per SLO (and per vendor or tenant of a grouped SLO: pick one with the Group variable). Below 25% (orange): freeze risky releases of that service. At or below 0 (red) the SLO is broken: tell the partners and plan the repair work before new features. Click a value for the calls of that operation.',
      queries: [prom(`${SLO_SERIES.budgetRemaining}${S}`, WHO, { instant: true })],
      span: 10,
      height: 6,
      unit: 'percentunit',
      decimals: 1,
      thresholds: thresholds([null, 'red'], [0, 'orange'], [0.25, 'green']),
      links: [drillToServiceCalls()],
    }),
  );
  b.withPanel(
    gauge({
      title: 'Current outage against the coffee break',
      description: `How long the current outage has lasted (at least half of the latest calls failing, and at least 3 failed calls; dated from the first). Orange at ${formatDuration(limits.warnAfter)}: the on-call engineer is paged and should be working on it. Red at ${formatDuration(limits.maxOutage)}: the outage outlasted a doctor's coffee break — escalate, and consider failing over. 0 when nothing is down.`,
      queries: [prom(`max by (${PER_SLO}) (${SLO_SERIES.outageSeconds}${S})`, '{{slo}}', { instant: true })],
      span: 8,
      height: 6,
      unit: 's',
      min: 0,
      max: limits.maxOutage,
      thresholds: thresholds([null, 'green'], [1, 'yellow'], [limits.warnAfter, 'orange'], [limits.maxOutage, 'red']),
      links: [drillToServiceCalls()],
    }),
  );
  b.withPanel(
    stat({
      title: 'Silent traffic',
      description: `SLOs whose calls fell below a quarter of the same time in earlier weeks (${ALERTS.silence}): a stall that returns no errors, because no calls arrive. Check the load balancer, the partners' connections and the message queue before looking at the service. Empty is good.`,
      queries: [prom(`count by (slo, alertstate) (${silent})`, '{{slo}} ({{alertstate}})', { instant: true })],
      span: 6,
      height: 6,
      thresholds: thresholds([null, 'red']),
    }).noValue('No SLO silent'),
  );
  b.withPanel(
    table({
      title: 'Alerts pending and firing',
      description:
        'Every Hartslag alert pending or firing for the selected services: budget burn (page and ticket), coffee-break warning and breach, silent traffic. A page needs someone now; a ticket can wait for working hours. Follow the runbook linked from the alert.',
      queries: [
        prom(
          `max by (alertname, alertstate, severity, slo, service, operation, ${GROUP_LABELS.join(', ')}) (${alerts})`,
          '',
          {
            instant: true,
            table: true,
          },
        ),
      ],
      span: 18,
      height: 6,
    }),
  );
  b.withPanel(
    stat({
      title: 'Enough calls to judge?',
      description:
        'Whether the last 6 hours hold at least 3 calls per SLO (slo:judgeable). On a night with fewer, no alert can say anything either way: the SLO is "too few calls to judge", not "operational". Check with a test call when it matters.',
      queries: [prom(`min by (slo) (${SLO_SERIES.judgeable}${S})`, '{{slo}}', { instant: true })],
      span: 6,
      height: 6,
      thresholds: thresholds([null, 'blue'], [1, 'green']),
    }).mappings([
      {
        type: MappingType.ValueToText,
        options: {
          '0': { text: 'too few calls to judge', color: 'blue', index: 0 },
          '1': { text: 'judged', color: 'green', index: 1 },
        },
      },
    ]),
  );
  b.withPanel(
    timeseries({
      title: 'Burn rate per alert window',
      description: `How many times faster than "exactly on budget" each SLO spends its budget, per window of the burn-rate alerts. Above ${limits.pageBurnRate}× over 1 hour (and still in the last 5 minutes) pages; above ${limits.ticketBurnRate}× over a day opens a ticket. A short window high and the long one low is a blip; both high is a real problem.`,
      queries: BURN_WINDOWS.map((w) =>
        prom(
          // group_left: a grouped SLO has one ratio per group and one budget.
          `${SLO_SERIES.errorRatio(w)}${S} / on (slo) group_left ${SLO_SERIES.errorBudget}${S}`,
          `${WHO} ${formatDuration(w)}`,
        ),
      ),
      span: 12,
      height: 9,
      unit: 'x',
      thresholdLines: true,
      thresholds: thresholds([null, 'green'], [limits.ticketBurnRate, 'orange'], [limits.pageBurnRate, 'red']),
      links: [drillToServiceCalls()],
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Outage length against the coffee-break limit',
      description: `Length of the running outage per SLO, with the warning (${formatDuration(limits.warnAfter)}) and the limit (${formatDuration(limits.maxOutage)}) as dashed lines. A line climbing towards the red one is an outage that will outlast a coffee break: roll back or fail over instead of debugging further.`,
      queries: [prom(`${SLO_SERIES.outageSeconds}${S}`, '{{slo}}')],
      span: 12,
      height: 9,
      unit: 's',
      min: 0,
      thresholdLines: true,
      thresholds: thresholds([null, 'green'], [limits.warnAfter, 'orange'], [limits.maxOutage, 'red']),
      links: [drillToServiceCalls()],
    }),
  );
  b.withPanel(
    bargauge({
      title: 'Burn rate now and over the SLO period',
      description:
        'Burn rate over the last 5 minutes and over the whole SLO period. Now far above 1 with the period below 1: a fresh incident, the budget can take it. Period above 1: the SLO will be missed at this pace even without new incidents — plan reliability work.',
      queries: [
        prom(`${SLO_SERIES.currentBurnRate}${S}`, `${WHO} now`, { instant: true }),
        prom(`${SLO_SERIES.periodBurnRate}${S}`, `${WHO} period`, { instant: true }),
      ],
      span: 12,
      height: 9,
      unit: 'x',
      min: 0,
      thresholds: thresholds([null, 'green'], [1, 'orange'], [limits.pageBurnRate, 'red']),
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Calls per second against the same time in earlier weeks',
      description:
        'Calls per second now and the median of the same ten minutes in the last weeks, per SLO with silence detection. Now far below usual while errors stay low is a stall upstream of the service (network, load balancer, a partner that stopped sending): the silent-traffic alert fires when it drops below a quarter.',
      queries: [
        prom(`${SLO_SERIES.trafficRate}${S}`, '{{slo}} now'),
        prom(`${SLO_SERIES.trafficBaseline}${S}`, '{{slo}} usual'),
      ],
      span: 12,
      height: 9,
      unit: 'reqps',
    }),
  );
  return finish(b);
}
