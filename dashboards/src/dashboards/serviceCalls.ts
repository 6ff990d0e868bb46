import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as HeatmapPanel } from '@grafana/grafana-foundation-sdk/heatmap';
import { finish, hartslagDashboard, thresholds } from '../shared/dashboard.js';
import { DATASOURCE } from '../shared/datasource.js';
import { stat, table, timeseries } from '../shared/panels.js';
import {
  errorRatio,
  LABELS,
  METRICS,
  OUTCOME_COLORS,
  OUTCOMES,
  outcomeIs,
  RATE,
  sel,
  sumRate,
  VAR,
} from '../shared/promql.js';
import { prom } from '../shared/queries.js';

const VARS = [VAR.service, VAR.operation] as const;
const S = sel(VARS);
const { operation, outcome, code } = LABELS;

const QUANTILES = [0.5, 0.95, 0.99];

/** Call rate, errors, latency and refusals of the selected services and operations. */
export function serviceCalls(): Dashboard {
  const b = hartslagDashboard('serviceCalls', {
    description:
      'Calls per operation and outcome, the error ratio that spends the budget, latency percentiles from the histogram, and calls refused on purpose by code.',
    variables: VARS,
    from: 'now-6h',
    tags: ['calls'],
  });
  b.withPanel(
    timeseries({
      title: 'Calls per second by operation and outcome',
      description:
        'Every call, stacked by operation and outcome. A drop in the total is a stall or a partner that stopped sending (compare the daily rhythm); a growing server_error or timeout band spends the budget; client_error and denied are the callers\u2019 side.',
      queries: [prom(sumRate(METRICS.calls, S, [operation, outcome]), '{{operation}} {{outcome}}')],
      span: 12,
      height: 9,
      unit: 'reqps',
      stack: true,
    }).overrides(
      OUTCOMES.map((o) => ({
        matcher: { id: 'byRegexp', options: `.* ${o}$` },
        properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: OUTCOME_COLORS[o] } }],
      })),
    ),
  );
  b.withPanel(
    timeseries({
      title: 'Budget-spending error ratio by operation',
      description:
        'Share of calls that failed on the platform\u2019s side (server_error, timeout). Above the SLO\u2019s error budget (0.1% for a 99.9% objective) the budget burns faster than planned; half the calls or more is an outage — check the SLO overview for the coffee-break clock.',
      queries: [prom(errorRatio(METRICS.calls, VARS, [operation]), '{{operation}}')],
      span: 12,
      height: 9,
      unit: 'percentunit',
      min: 0,
      thresholdLines: true,
      thresholds: thresholds([null, 'green'], [0.001, 'orange'], [0.5, 'red']),
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Latency p50, p95, p99 by operation',
      description:
        'Percentiles from the care_call_duration_seconds histogram (interpolated within buckets). p99 rising while p50 stays flat: a slow dependency for some calls (one vendor\u2019s payloads, a cold cache); all rising together: the service itself is saturated — scale out or shed load.',
      queries: QUANTILES.map((q) =>
        prom(
          `histogram_quantile(${q}, ${sumRate(`${METRICS.callDuration}_bucket`, S, [operation, 'le'])})`,
          `{{operation}} p${q * 100}`,
        ),
      ),
      span: 12,
      height: 9,
      unit: 's',
      legendCalcs: ['lastNotNull', 'max'],
    }),
  );
  b.withPanel(
    new HeatmapPanel()
      .title('Latency distribution')
      .description(
        'Calls per second in each duration bucket. A second band appearing above the usual one is a group of calls that got slow (a timeout of a dependency shows as a band at its timeout); the whole band moving up is general slowness.',
      )
      .datasource(DATASOURCE)
      .withTarget(
        prom(`sum by (le) (increase(${METRICS.callDuration}_bucket${S}[${RATE}]))`, '{{le}}', {
          heatmap: true,
          refId: 'A',
        }),
      )
      .calculate(false)
      .span(12)
      .height(9),
  );
  b.withPanel(
    timeseries({
      title: 'Denied calls by code',
      description:
        'Calls refused on purpose (no_contract, unauthorized, rate-limited). They do not spend the budget, but a jump for one code is a partner without a contract or with an expired certificate: call the partner, not the on-call engineer.',
      queries: [
        prom(sumRate(METRICS.calls, sel(VARS, outcomeIs('denied')), [operation, code]), '{{operation}} {{code}}'),
      ],
      span: 12,
      height: 8,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    timeseries({
      title: 'Client errors by code',
      description:
        'Calls the caller got wrong (HTTP 4xx). A rise after a partner\u2019s software update points at that vendor: see tenants and vendors for who sends them.',
      queries: [
        prom(sumRate(METRICS.calls, sel(VARS, outcomeIs('client_error')), [operation, code]), '{{operation}} {{code}}'),
      ],
      span: 12,
      height: 8,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    table({
      title: 'Calls by operation, outcome and code (time range)',
      description:
        'Totals over the selected time range, one row per operation, outcome and code. Use it to quantify an incident for the report: how many calls failed, and how.',
      queries: [
        prom(`sum by (${operation}, ${outcome}, ${code}) (increase(${METRICS.calls}${S}[$__range]))`, '', {
          instant: true,
          table: true,
        }),
      ],
      span: 16,
      height: 8,
      decimals: 0,
    }),
  );
  b.withPanel(
    stat({
      title: 'Patient data kept out of labels',
      description:
        'Label values the PII guard replaced by __redacted__ (a BSN, e-mail or phone number in a route or tenant id), and recordings that failed inside the metrics library. Any redaction means a caller puts patient data where it does not belong: find the route or tenant field and fix the caller.',
      queries: [
        prom(
          `sum by (label) (increase(${METRICS.labelRedactions}${sel([VAR.service])}[$__range]))`,
          'redacted {{label}}',
          { instant: true },
        ),
        prom(
          `sum(increase(${METRICS.instrumentationErrors}${sel([VAR.service])}[$__range]))`,
          'instrumentation errors',
          { instant: true },
        ),
      ],
      span: 8,
      height: 8,
      decimals: 0,
      thresholds: thresholds([null, 'green'], [1, 'orange']),
    }),
  );
  return finish(b);
}
