/**
 * The generated rules under promtool: a quiet Sunday night like every other.
 * Scenario helpers, and the promtool limits they work around, are in scenarioKit.ts.
 */
import { describe, it } from 'vitest';
import { t } from './harness.js';
import {
  labelled,
  noErrors,
  passes,
  quietAt,
  type Scenario,
  SILENCE_ONLY,
  SILENT,
  SLO_SELECTOR,
  SPARSE,
  valueAt,
} from './scenarioKit.js';
import { denseWithin, weeklyRhythm } from './series.js';

describe('promtool test rules: the generated rules in real situations', () => {
  it('stays silent at 03:00 on a Sunday whose low traffic matches earlier Sundays', () => {
    // Sunday 25 January 03:00: 0.1 calls/s, as on the Sundays before.
    const night = t('24d3h');
    const end = night + t('30m');
    const scenario: Scenario = {
      name: 'quiet Sunday 03:00',
      length: end,
      total: weeklyRhythm,
      errors: noErrors,
      sampling: denseWithin(
        [
          [t('3d2h30m'), t('3d3h40m')],
          [t('10d2h30m'), t('10d3h50m')],
          [t('17d2h30m'), t('17d4h')],
          // Friday 10:00, for the weekday level.
          [t('22d9h50m'), t('22d10h10m')],
          [t('23d21h'), end],
        ],
        SPARSE,
      ),
      // The silence alert is the one low traffic could set off. The others need failed calls, and
      // a quiet night's failures are the night scenarios (scenarios-night-*).
      alerts: [night, night + t('10m'), night + t('20m'), night + t('30m')].flatMap((time) => quietAt(time, [SILENT])),
      exprs: [
        valueAt(night, `slo:traffic:rate1m${SLO_SELECTOR}`, labelled('slo:traffic:rate1m'), 0.1),
        valueAt(night, `slo:traffic_baseline:rate10m${SLO_SELECTOR}`, labelled('slo:traffic_baseline:rate10m'), 0.1),
        // The weekday level, Friday 10:00: 400 times as much.
        valueAt(t('22d10h'), `slo:traffic:rate1m${SLO_SELECTOR}`, labelled('slo:traffic:rate1m'), 40),
        // A naive threshold ("below a quarter of the weekday rate") would page right now.
        valueAt(
          night,
          `slo:traffic:rate1m${SLO_SELECTOR} < 0.25 * (slo:traffic:rate1m${SLO_SELECTOR} offset 1d17h)`,
          labelled('slo:traffic:rate1m'),
          0.1,
        ),
        // No silence alert, not even pending, in the three and a half weeks.
        valueAt(end, 'absent_over_time(ALERTS[24d3h30m])', '{}', 1),
      ],
    };
    passes(scenario, SILENCE_ONLY);
  }, 600_000);
});
