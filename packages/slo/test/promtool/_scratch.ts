import { stringify } from 'yaml';
import { generateRules } from '../../src/rules/generate.js';
import { promtoolTest, scenarioSlo, SELECTOR, t } from './harness.js';
import { callSeries, weeklyRhythm } from './series.js';
const all = generateRules({ file: 's', slos: [scenarioSlo()] });
const traffic = { total: weeklyRhythm, errors: (_m: number) => 0 };
const end = process.argv[2] ?? '4d';
const series = callSeries(SELECTOR, traffic, t(end), 30);
const variants: Record<string, (n: string) => boolean> = {
  none: () => false,
  period: (n) => n.endsWith('sli-period'),
  sli: (n) => n.endsWith('-sli'),
  now: (n) => n.endsWith('-now'),
  metaAlerts: (n) => n.endsWith('-meta') || n.endsWith('-alerts'),
};
for (const [name, keep] of Object.entries(variants)) {
  const groups = all.groups.filter((g) => keep(g.name));
  const rules = stringify({ groups: groups.length ? groups : [{ name: 'empty', rules: [{ record: 'x', expr: 'vector(1)' }] }] });
  promtoolTest(`${name} ${end}`, rules, [{
    name: 'x', interval: '30s', input_series: series, alert_rule_test: [],
    promql_expr_test: [{ expr: 'vector(1)', eval_time: end, exp_samples: [{ labels: '{}', value: 1 }] }],
  }]);
}
