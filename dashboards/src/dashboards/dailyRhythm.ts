import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { finish, hartslagDashboard } from '../shared/dashboard.js';
import { BURNING, METRICS, sel, VAR } from '../shared/promql.js';
import { prom } from '../shared/queries.js';
import { rhythm } from '../shared/rhythmPanel.js';

const VARS = [VAR.service, VAR.operation] as const;

/**
 * The panel reads a fixed 5-minute rate at a 1-minute step (packages/grafana-panel/README.md):
 * every overlay then has the same resolution, whatever the range.
 */
const WINDOW = '5m';

/** The usual day: median and p10–p90 of the last four same weekdays. */
const USUAL_DAY_BAND = { show: true, periods: 4, low: 0.1, high: 0.9, match: 'same-weekday' } as const;
const STEP = '1m';

/** Overlays as offset queries, in the order the panel's offset mapping names them. */
const OVERLAYS = [
  { id: 'current', offset: '', legend: 'today' },
  { id: 'previous-day', offset: '1d', legend: 'yesterday' },
  { id: 'last-week', offset: '1w', legend: 'last week' },
  { id: 'last-month', offset: '4w', legend: 'last month' },
  { id: 'last-year', offset: '52w', legend: 'last year' },
] as const;

function rate(selector: string, offset = ''): string {
  return `sum(rate(${METRICS.calls}${selector}[${WINDOW}]${offset ? ` offset ${offset}` : ''}))`;
}

/** One query per overlay, refIds A–E, and the mapping that tells the panel which is which. */
function overlayQueries(selector: string) {
  const refId = (i: number) => String.fromCharCode(65 + i);
  return {
    queries: OVERLAYS.map((o, i) => prom(rate(selector, o.offset), o.legend, { refId: refId(i), interval: STEP })),
    offsetMapping: OVERLAYS.map((o, i) => `${refId(i)}=${o.id}`).join(', '),
  };
}

/**
 * Today against yesterday, last week, last month and last year, with the usual day as a band:
 * our panel plugin (packages/grafana-panel). Days start at local midnight in Europe/Amsterdam.
 */
export function dailyRhythm(): Dashboard {
  const all = sel(VARS);
  const failing = sel(VARS, BURNING);
  const today = overlayQueries(all);
  const b = hartslagDashboard('dailyRhythm', {
    description:
      'The rhythm of the day: today against yesterday, last week, last month and last year, and against the usual day as a band, with anomalous minutes shaded.',
    variables: VARS,
    from: 'now-24h',
    tags: ['rhythm'],
    timezone: 'Europe/Amsterdam',
  });
  b.withPanel(
    rhythm({
      title: 'Calls: today against yesterday, last week, last month and last year',
      description:
        'Calls per second on a 00:00–24:00 axis, today boldest. Today below the other days at a time they agree on is a stall or a partner that stopped sending; above all of them is a peak to check capacity against (the morning log-in at 08:00). A missing overlay is named under the legend: the data does not reach back that far yet.',
      queries: today.queries,
      options: { period: 'day', dataMode: 'offsets', offsetMapping: today.offsetMapping },
      timeFrom: '1d',
      span: 24,
      height: 11,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    rhythm({
      title: 'Calls: today against the usual day (band of the last four same weekdays)',
      description:
        'One five-week query folded into days: the median and p10–p90 band of the last four same weekdays, today on top, anomalous minutes shaded and counted. A shaded stretch during opening hours is worth an incident note even when no alert fired.',
      queries: [prom(rate(all), 'calls', { interval: STEP })],
      options: {
        period: 'day',
        dataMode: 'fold',
        band: USUAL_DAY_BAND,
        anomalies: { show: true, margin: 0.2, minTolerance: 0 },
      },
      timeFrom: '5w',
      span: 12,
      height: 11,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    rhythm({
      title: 'Calls: this week against earlier weeks',
      description:
        'Monday to Sunday on one axis, this week against the earlier weeks. Use it to plan maintenance windows where the band is lowest, and to see whether a quiet Monday is a holiday or a problem.',
      queries: [prom(rate(all), 'calls', { interval: STEP })],
      options: { period: 'week', dataMode: 'fold' },
      timeFrom: '5w',
      span: 12,
      height: 11,
      unit: 'reqps',
    }),
  );
  b.withPanel(
    rhythm({
      title: 'Failing calls: today against the usual day',
      description:
        'Budget-spending errors per second (server_error, timeout) against the usual day. Errors that rise with the morning peak every day are a capacity problem to plan for; errors outside the band today are an incident.',
      queries: [prom(rate(failing), 'failing calls', { interval: STEP })],
      options: {
        period: 'day',
        dataMode: 'fold',
        band: USUAL_DAY_BAND,
        anomalies: { show: true, margin: 0.2, minTolerance: 0.05 },
      },
      timeFrom: '5w',
      span: 24,
      height: 10,
      unit: 'reqps',
    }),
  );
  return finish(b);
}
