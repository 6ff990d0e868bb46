import { generateRules, renderRules } from '../../src/rules/generate.js';
import { promtoolTest, scenarioSlo, SELECTOR, t } from './harness.js';
import { callSeries, weeklyRhythm } from './series.js';
const rules = renderRules(generateRules({ file: 's', slos: [scenarioSlo()] }), 's');
const end = process.argv[2] ?? '22d10h5m';
const series = callSeries(SELECTOR, { total: weeklyRhythm, errors: () => 0 }, t(end), 30);
promtoolTest(`full ${end}`, rules, [{
  name: 'x', interval: '30s', input_series: series, alert_rule_test: [],
  promql_expr_test: [{ expr: 'vector(1)', eval_time: end, exp_samples: [{ labels: '{}', value: 1 }] }],
}]);
