/**
 * The generated rules under promtool: a weekday stall after three weeks of history.
 * Scenario helpers, and the promtool limits they work around, are in scenarioKit.ts.
 */
import { describe, it } from 'vitest';
import { t } from './harness.js';
import {
  alertsAt,
  BREACHED,
  BURN,
  during,
  labelled,
  noErrors,
  passes,
  quietAt,
  RUNNING,
  type Scenario,
  SILENCE_ONLY,
  SILENT,
  SLO_SELECTOR,
  SPARSE,
  silent,
  valueAt,
  WITHOUT_PERIOD,
} from './scenarioKit.js';
import { denseWithin, weeklyRhythm } from './series.js';

describe('promtool test rules: the generated rules in real situations', () => {
  it('pages within three minutes when weekday traffic stalls to 5% at 10:00 after three weeks of history', () => {
    // Friday 23 January 10:00; the baseline is the same ten minutes on the three Fridays before.
    const stall = t('22d10h');
    const end = stall + t('10m');
    const scenario: Scenario = {
      name: 'stall on Friday 10:00',
      length: end,
      total: during(stall, end, (m) => 0.05 * weeklyRhythm(m), weeklyRhythm),
      errors: noErrors,
      // Each earlier Friday's close look ends ten minutes after the one before, so that no
      // evaluation sees an earlier week in full detail while its own week is sampled thinly.
      sampling: denseWithin(
        [
          [t('1d9h30m'), t('1d10h30m')],
          [t('8d9h30m'), t('8d10h40m')],
          [t('15d9h30m'), t('15d10h50m')],
          [t('22d6h'), end],
        ],
        SPARSE,
      ),
      alerts: [
        ...quietAt(t('22d9h50m'), [SILENT]),
        alertsAt(stall, SILENT),
        alertsAt(stall + t('30s'), SILENT),
        alertsAt(stall + t('1m30s'), SILENT),
        alertsAt(stall + t('2m'), SILENT, silent(2)),
        alertsAt(stall + t('3m'), SILENT, silent(2)),
      ],
      exprs: [
        valueAt(t('22d9h50m'), `slo:traffic:rate1m${SLO_SELECTOR}`, labelled('slo:traffic:rate1m'), 40),
        valueAt(
          t('22d9h50m'),
          `slo:traffic_baseline:rate10m${SLO_SELECTOR}`,
          labelled('slo:traffic_baseline:rate10m'),
          40,
        ),
        valueAt(stall + t('3m'), `slo:traffic:rate1m${SLO_SELECTOR}`, labelled('slo:traffic:rate1m'), 2),
        valueAt(
          stall + t('3m'),
          `slo:traffic_baseline:rate10m${SLO_SELECTOR}`,
          labelled('slo:traffic_baseline:rate10m'),
          40,
        ),
        // 90 seconds into the stall the alert is pending (`for: 1m`), not yet firing.
        valueAt(stall + t('1m30s'), `count(ALERTS{alertname="${SILENT}",alertstate="pending"})`, '{}', 1),
        // No silence alert at all, not even pending, in the three weeks of rhythm before.
        valueAt(t('22d9h50m'), `absent_over_time(ALERTS[22d9h50m])`, '{}', 1),
      ],
    };
    passes(scenario, SILENCE_ONLY);
  }, 600_000);

  it('a stall is not an outage: no burn or outage alert while the calls fall to 5%, then to none', () => {
    // Friday 2 January: a day of rhythm is history enough for rules that read failed calls; the
    // silence baseline, which needs earlier weeks, is the test above.
    const stall = t('1d10h');
    const end = stall + t('10m');
    const scenario: Scenario = {
      name: 'stall without failures',
      length: end,
      total: during(
        stall,
        stall + t('5m'),
        (m) => 0.05 * weeklyRhythm(m),
        (m) => (m * 60 < stall ? weeklyRhythm(m) : 0),
      ),
      errors: noErrors,
      sampling: denseWithin([[t('1d6h'), end]], SPARSE),
      alerts: [stall + t('3m'), stall + t('7m'), end].flatMap((time) => quietAt(time, [BURN, RUNNING, BREACHED])),
      exprs: [
        // The rules did judge the thin traffic: every one of the 5% of calls succeeded.
        valueAt(
          stall + t('3m'),
          `slo:sli_error:ratio_rate5m${SLO_SELECTOR}`,
          labelled('slo:sli_error:ratio_rate5m'),
          0,
        ),
        valueAt(stall + t('3m'), `slo:outage:failing${SLO_SELECTOR}`, labelled('slo:outage:failing'), 0),
        // With no calls at all there is nothing to judge: no outage is dated from the silence.
        valueAt(end, `slo:outage:failing${SLO_SELECTOR}`, labelled('slo:outage:failing'), 0),
      ],
    };
    passes(scenario, WITHOUT_PERIOD);
  }, 600_000);
});
