import { AnnotationQueryBuilder, type Dashboard, MappingType } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StateTimelinePanel } from '@grafana/grafana-foundation-sdk/statetimeline';
import { LOADTEST_JOB, LOADTEST_SERIES, PROMETHEUS_SERIES } from '@hartslag/metrics/contract';
import { finish, hartslagDashboard, thresholds } from '../shared/dashboard.js';
import { DATASOURCE } from '../shared/datasource.js';
import { bargauge, stat, timeseries } from '../shared/panels.js';
import { errorRatio, LABELS, METRICS, sel, sumRate, VAR } from '../shared/promql.js';
import { prom } from '../shared/queries.js';

const VARS = [VAR.service, VAR.operation] as const;
const S = sel(VARS);
const JOB = `job="${LOADTEST_JOB}"`;
const RUN = ['scenario', 'phase'].join(', ');
const OP = `${JOB},${LABELS.operation}=~"$${VAR.operation}"`;

/**
 * Artillery's summaries, as the load-test driver pushes them, next to the service's own `care_*`
 * series: did the platform hold the morning log-in spike or the restart storm, and did the
 * service measure what the load generator saw?
 */
export function loadTest(): Dashboard {
  const b = hartslagDashboard('loadTest', {
    description:
      'Load-test runs (Artillery summaries pushed by loadtests/driver) next to what the service measured: load, latency, errors, and the restart storm verdict.',
    variables: VARS,
    from: 'now-3h',
    tags: ['loadtest'],
  });
  b.annotation(
    new AnnotationQueryBuilder()
      .name('Load-test runs')
      .datasource(DATASOURCE)
      .enable(true)
      .iconColor('purple')
      // The Pushgateway's push time is the end of a run; as the value (in ms) it marks that moment
      // once, instead of at every step the summary stays on the Pushgateway.
      .expr(`max by (${RUN}) (${PROMETHEUS_SERIES.pushTime}{${JOB}}) * 1000`)
      .useValueForTime(true)
      .titleFormat('{{scenario}} · {{phase}} ended')
      .tagKeys('scenario,phase')
      .step('1m'),
  );
  b.withPanel(
    new StateTimelinePanel()
      .title('Runs by scenario and phase: thresholds passed?')
      .description(
        'One row per scenario and phase (healthy, fault, storm), green from the push of a run whose Artillery checks all passed, red when one failed. A red healthy run is a regression to fix before the release; a red fault run is expected.',
      )
      .datasource(DATASOURCE)
      .withTarget(
        prom(`max by (${RUN}) (${LOADTEST_SERIES.thresholdsPassed}{${JOB}})`, '{{scenario}} · {{phase}}', {
          refId: 'A',
        }),
      )
      .mappings([
        {
          type: MappingType.ValueToText,
          options: {
            '0': { text: 'thresholds failed', color: 'red', index: 0 },
            '1': { text: 'thresholds passed', color: 'green', index: 1 },
          },
        },
      ])
      .span(24)
      .height(6),
  );
  b.withPanel(
    timeseries({
      title: 'Load sent (Artillery) and calls handled (service)',
      description:
        'Requests per second Artillery reported (mean and peak of the run) against the calls per second the service counted. The service counting fewer than Artillery sent means requests never reached it: look at the load balancer and connection limits.',
      queries: [
        prom(
          `max by (${RUN}) (${LOADTEST_SERIES.requestsPerSecond}{${JOB}})`,
          'Artillery mean {{scenario}} · {{phase}}',
        ),
        prom(
          `max by (${RUN}) (${LOADTEST_SERIES.peakRequestsPerSecond}{${JOB}})`,
          'Artillery peak {{scenario}} · {{phase}}',
        ),
        prom(sumRate(METRICS.calls, sel([VAR.service]), [LABELS.service]), 'service {{service}}'),
      ],
      span: 12,
      height: 9,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    timeseries({
      title: 'p95 and p99 by operation: Artillery against the service',
      description:
        'Response-time percentiles Artillery saw (client side, including the network) against the service\u2019s own histogram. A gap that grows under load is queueing in front of the service; both rising is the service itself.',
      queries: [
        prom(
          `max by (${LABELS.operation}, quantile) (${LOADTEST_SERIES.responseTime}{${OP},quantile=~"0.95|0.99"}) / 1000`,
          'Artillery {{operation}} q{{quantile}}',
        ),
        ...[0.95, 0.99].map((q) =>
          prom(
            `histogram_quantile(${q}, ${sumRate(`${METRICS.callDuration}_bucket`, S, [LABELS.operation, 'le'])})`,
            `service {{operation}} q${q}`,
          ),
        ),
      ],
      span: 12,
      height: 9,
      unit: 's',
    }),
  );
  b.withPanel(
    bargauge({
      title: 'Error ratio per operation (Artillery, last run)',
      description:
        '5xx answers and transport errors per operation as Artillery counted them in the last run of each scenario. Compare with the load-test thresholds from the SLO spec (0.1% for a 99.9% objective).',
      queries: [
        prom(
          `sum by (scenario, ${LABELS.operation}) (${LOADTEST_SERIES.operationErrors}{${OP}}) / sum by (scenario, ${LABELS.operation}) (${LOADTEST_SERIES.operationRequests}{${OP}})`,
          '{{scenario}} {{operation}}',
          { instant: true },
        ),
      ],
      span: 12,
      height: 9,
      unit: 'percentunit',
      min: 0,
      thresholds: thresholds([null, 'green'], [0.001, 'orange'], [0.05, 'red']),
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Service error ratio by operation',
      description:
        'What the service counted as budget-spending errors during the runs. Errors the service does not see but Artillery does were lost before the service (proxy, network).',
      queries: [prom(errorRatio(METRICS.calls, VARS, [LABELS.operation]), '{{operation}}')],
      span: 12,
      height: 9,
      unit: 'percentunit',
      min: 0,
    }),
  );
  b.withPanel(
    stat({
      title: 'Restart storm: drain and delivery',
      description:
        'The restart-storm verdict: messages queued when the service was killed, seconds to drain them after the restart, and messages lost or delivered twice. Lost or duplicated above 0 is a bug in the queue: never release with it.',
      queries: [
        prom(`max(${LOADTEST_SERIES.backlogMessages}{${JOB}})`, 'backlog at kill', { instant: true }),
        prom(`max(${LOADTEST_SERIES.drainSeconds}{${JOB}})`, 'drain seconds', { instant: true }),
        prom(`max(${LOADTEST_SERIES.lostMessages}{${JOB}})`, 'lost', { instant: true }),
        prom(`max(${LOADTEST_SERIES.duplicateMessages}{${JOB}})`, 'duplicates', { instant: true }),
      ],
      span: 24,
      height: 5,
      decimals: 1,
    }),
  );
  return finish(b);
}
