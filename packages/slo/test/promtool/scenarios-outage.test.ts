/**
 * The generated rules under promtool: a 12-minute outage, a slow burn, a 90-second blip.
 * Scenario helpers, and the promtool limits they work around, are in scenarioKit.ts.
 */
import { describe, it } from 'vitest';
import { at, SLO_LABELS, t } from './harness.js';
import {
  alertsAt,
  BREACHED,
  BUDGET_REMAINING,
  BURN,
  budgetRemainingPercent,
  callsBy,
  during,
  labelled,
  OUTAGE,
  outageBreached,
  outageRunning,
  page,
  passes,
  quietAt,
  RUNNING,
  type Scenario,
  SILENT,
  SLO_SELECTOR,
  SPARSE,
  ticket,
  valueAt,
} from './scenarioKit.js';
import { denseWithin, everySample, weeklyRhythm } from './series.js';

describe('promtool test rules: the generated rules in real situations', () => {
  it('pages within three minutes of a 12-minute total outage at 10:00 and breaks the coffee-break limit at ten minutes', () => {
    // Thursday 10:00 at the morning peak (40 calls/s), after ten hours of ordinary traffic.
    const start = t('10h');
    const end = start + t('12m');
    const scenario: Scenario = {
      name: 'total outage 10:00-10:12',
      length: start + t('30m'),
      total: weeklyRhythm,
      errors: during(start, end, weeklyRhythm),
      alerts: [
        ...quietAt(start),
        // With ten hours of history the day window holds little traffic: a full outage at the peak
        // crosses its ticket threshold at once. The three-day window holds less than the quarter
        // of data (18 h) a ticket needs: no 3-day ticket. Pages wait for `for: 2m`.
        alertsAt(start + t('30s'), BURN, ticket('1d')),
        alertsAt(start + t('2m30s'), BURN, ticket('1d')),
        alertsAt(start + t('3m'), BURN, page('1h'), page('6h'), ticket('1d')),
        // The coffee break: a warning at five minutes, the breach at ten, neither earlier.
        alertsAt(start + t('4m30s'), RUNNING),
        alertsAt(start + t('5m'), RUNNING, outageRunning(300)),
        alertsAt(start + t('5m'), BREACHED),
        alertsAt(start + t('9m30s'), RUNNING, outageRunning(570)),
        alertsAt(start + t('9m30s'), BREACHED),
        alertsAt(start + t('10m'), RUNNING, outageRunning(600)),
        alertsAt(start + t('10m'), BREACHED, outageBreached(600)),
        alertsAt(start + t('12m'), BURN, page('1h'), page('6h'), ticket('1d')),
        alertsAt(start + t('12m'), BREACHED, outageBreached(720)),
        // Recovered: the pages and coffee-break alerts resolve, the tickets stay.
        alertsAt(start + t('13m'), BURN, ticket('1d')),
        alertsAt(start + t('13m'), RUNNING),
        alertsAt(start + t('13m'), BREACHED),
        alertsAt(start + t('20m'), BURN, ticket('1d')),
        ...quietAt(start + t('20m'), [RUNNING, BREACHED, SILENT]),
      ],
      exprs: [
        valueAt(start, OUTAGE, OUTAGE, 0),
        valueAt(start + t('30s'), OUTAGE, OUTAGE, 30),
        valueAt(start + t('4m30s'), OUTAGE, OUTAGE, 270),
        valueAt(start + t('5m'), OUTAGE, OUTAGE, 300),
        valueAt(start + t('10m'), OUTAGE, OUTAGE, 600),
        valueAt(start + t('12m'), OUTAGE, OUTAGE, 720),
        // Half of the last minute's calls still failed: the outage reads 30 s long.
        valueAt(start + t('12m30s'), OUTAGE, OUTAGE, 750),
        valueAt(start + t('13m'), OUTAGE, OUTAGE, 0),
        valueAt(start + t('20m'), OUTAGE, OUTAGE, 0),
        valueAt(
          start,
          `slo:period_error_budget_remaining:ratio${SLO_SELECTOR}`,
          labelled('slo:period_error_budget_remaining:ratio'),
          1,
        ),
      ],
    };
    // The 30-day window holds only these ten and a half hours: 12 minutes at the peak spend the
    // budget of that traffic seventy times over.
    const after = start + t('30m');
    scenario.exprs.push(valueAt(after, BUDGET_REMAINING, labelled(), budgetRemainingPercent(callsBy(scenario, after))));
    passes(scenario);
  }, 180_000);

  it('raises a ticket but never pages for a slow burn of 0.3% errors over four days', () => {
    // A clean Thursday, then from Friday 00:00 to Tuesday 00:00 0.3% of calls fail: three times
    // the 0.1% budget, below the page thresholds (1.44% over 1 h, 0.6% over 6 h).
    const from = t('1d');
    const to = t('5d');
    const days = [1, 2, 3, 4];
    const checks = days.flatMap((d) => [t(`${d}d10h`), t(`${d}d14h`), t(`${d}d21h`)]);
    const pageAlerts = `ALERTS{alertname="${BURN}",severity="page"}`;
    const ticket3d = `ALERTS{alertname="${BURN}",alertstate="firing",severity="ticket",long_window="3d"}`;
    const ticketLabels = `{alertname="${BURN}",alertstate="firing",long_window="3d",operation="${SLO_LABELS.operation}",service="${SLO_LABELS.service}",severity="ticket",slo="${SLO_LABELS.slo}",tier="ticket-3d"}`;
    const scenario: Scenario = {
      name: 'slow burn 0.3% for 4 days',
      length: to,
      total: weeklyRhythm,
      errors: during(from, to, (m) => 0.003 * weeklyRhythm(m)),
      // Full resolution 06:00-22:00 on the burning days, where the checks are.
      sampling: denseWithin(
        days.map((d) => [t(`${d}d6h`), t(`${d}d22h`)] as const),
        SPARSE,
      ),
      alerts: checks.flatMap((time) => quietAt(time, [RUNNING, BREACHED, SILENT])),
      exprs: [
        // No page, neither pending nor firing, at any check nor at any evaluation in between.
        ...checks.map((time) => valueAt(time, `absent(${pageAlerts})`, `{alertname="${BURN}",severity="page"}`, 1)),
        valueAt(to, `absent_over_time(${pageAlerts}[4d])`, `{alertname="${BURN}",severity="page"}`, 1),
        // The error ratio the pages see: 0.30%.
        valueAt(t('1d10h'), `round(10000 * slo:sli_error:ratio_rate1h${SLO_SELECTOR})`, labelled(), 30),
        valueAt(t('4d14h'), `round(10000 * slo:sli_error:ratio_rate1h${SLO_SELECTOR})`, labelled(), 30),
        // The 3-day ticket: not yet on Friday morning (the clean Thursday dilutes the window),
        // from Friday afternoon on. (The 1-day ticket's threshold is exactly 0.3%: at a steady 3×
        // burn it is on the edge, so it is not pinned here.)
        { expr: ticket3d, eval_time: at(t('1d10h')), exp_samples: [] },
        // From Saturday on: the history before Friday is sampled every 15 minutes (promtool's
        // sample limit), which reads as gaps in the data, so Friday's 3-day window holds less
        // than the 18 hours of data a ticket needs.
        ...checks.slice(3).map((time) => valueAt(time, ticket3d, `ALERTS${ticketLabels}`, 1)),
        valueAt(to, ticket3d, `ALERTS${ticketLabels}`, 1),
      ],
    };
    scenario.exprs.push(valueAt(to, BUDGET_REMAINING, labelled(), budgetRemainingPercent(callsBy(scenario, to))));
    passes(scenario);
  }, 1_500_000);

  it('does not page for a 90-second total outage at 10:00', () => {
    const start = t('10h');
    const minutes = Array.from({ length: 16 }, (_, i) => start + (i + 1) * 60);
    const last = start + t('16m');
    const scenario: Scenario = {
      name: 'blip of 90 s at 10:00',
      length: start + t('20m'),
      total: weeklyRhythm,
      errors: during(start, start + 90, weeklyRhythm),
      sampling: everySample,
      alerts: [
        ...quietAt(start),
        // Every minute for a quarter of an hour: the 1-day ticket (ten hours of history, see the
        // outage scenario), no page, no coffee-break alert.
        ...minutes.flatMap((time) => [
          alertsAt(time, BURN, ticket('1d')),
          alertsAt(time, RUNNING),
          alertsAt(time, BREACHED),
        ]),
      ],
      exprs: [
        // The page condition did hold, for 90 seconds: pending, never firing.
        valueAt(
          last,
          `absent_over_time(ALERTS{alertname="${BURN}",severity="page",alertstate="firing"}[16m])`,
          `{alertname="${BURN}",alertstate="firing",severity="page"}`,
          1,
        ),
        valueAt(
          last,
          `max_over_time(ALERTS{alertname="${BURN}",long_window="1h",alertstate="pending"}[16m])`,
          `{alertname="${BURN}",alertstate="pending",long_window="1h",operation="${SLO_LABELS.operation}",service="${SLO_LABELS.service}",severity="page",slo="${SLO_LABELS.slo}",tier="page-1h"}`,
          1,
        ),
        // The longest outage it measured: two minutes (the blip plus half a minute of a half-failed window).
        valueAt(last, `max_over_time(${OUTAGE}[16m])`, labelled(), 120),
        valueAt(last, `absent_over_time(ALERTS{alertname=~"HartslagOutage.*"}[16m])`, '{}', 1),
      ],
    };
    passes(scenario);
  }, 180_000);
});
