/**
 * A freshness SLO through promtool: the deliver stage hands on every message within a minute,
 * then a restart releases a backlog of messages that waited for ten minutes and more. The stage
 * keeps delivering at the same rate, so a call-rate SLO sees nothing wrong; the freshness SLO
 * counts every stale message as bad and pages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateRules } from '../../src/rules/generate.js';
import { parseSpec } from '../../src/spec/parseSpec.js';
import { at, promtoolTest, report, t } from './harness.js';
import { STEP, valueAt } from './scenarioKit.js';
import { expandingNotation } from './series.js';

const spec = parseSpec(
  readFileSync(new URL('../../testdata/golden/in-freshness.yaml', import.meta.url), 'utf8'),
  'in-freshness.yaml',
);
const STALE_FROM = t('2h');
const LENGTH = STALE_FROM + t('30m');
const PER_SECOND = 10;
const SERIES = 'care_pipeline_message_age_seconds';
const STAGE = 'service="messaging",pipeline="send-message",stage="deliver"';
const LABELS = '{service="messaging",slo="messages-delivered-fresh"}';
const SEL = 'slo="messages-delivered-fresh"';

/** Counter values every step: `perSecond(second)` messages a second, summed. */
function counter(perSecond: (s: number) => number): string {
  const values: number[] = [];
  let total = 0;
  for (let s = 0; s <= LENGTH; s += STEP) {
    values.push(total);
    total += perSecond(s) * STEP;
  }
  return expandingNotation(values);
}

describe('promtool test rules: a freshness SLO on a message pipeline', () => {
  it('counts stale messages released by a restart as bad, though every one was delivered, and pages', () => {
    const rules = generateRules(spec);
    const fresh = (s: number) => (s < STALE_FROM ? PER_SECOND : 0);
    const run = promtoolTest('freshness', rules, [
      {
        name: 'restart releases stale messages',
        interval: at(STEP),
        input_series: [
          { series: `${SERIES}_count{${STAGE}}`, values: counter(() => PER_SECOND) },
          // Within a minute of being sent: all messages until the restart, none after.
          { series: `${SERIES}_bucket{${STAGE},le="60"}`, values: counter(fresh) },
          { series: `${SERIES}_bucket{${STAGE},le="30"}`, values: counter(fresh) },
        ],
        alert_rule_test: [],
        promql_expr_test: [
          valueAt(STALE_FROM - STEP, `slo:sli_error:ratio_rate5m{${SEL}}`, `slo:sli_error:ratio_rate5m${LABELS}`, 0),
          valueAt(
            STALE_FROM - STEP,
            `clamp_max(count(ALERTS{alertname="HartslagErrorBudgetBurn",${SEL}}), 1) or vector(0)`,
            '{}',
            0,
          ),
          valueAt(STALE_FROM + t('6m'), `slo:sli_error:ratio_rate5m{${SEL}}`, `slo:sli_error:ratio_rate5m${LABELS}`, 1),
          valueAt(
            STALE_FROM + t('20m'),
            `clamp_max(count(ALERTS{alertname="HartslagErrorBudgetBurn",alertstate="firing",severity="page",${SEL}}), 1)`,
            '{}',
            1,
          ),
        ],
      },
    ]);
    expect(run.ok, report(run)).toBe(true);
  }, 300_000);
});
