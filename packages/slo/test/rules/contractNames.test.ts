import { readdirSync, readFileSync } from 'node:fs';
import { ALERTS, definesSeries, INHIBITORS } from '@hartslag/metrics/contract';
import { seriesNamesIn } from '@hartslag/testkit';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

const golden = new URL('../../testdata/golden/', import.meta.url);
const examples = new URL('../../examples/', import.meta.url);

/** Each generated rule file with the spec it was generated from. */
const PAIRS: ReadonlyArray<readonly [string, URL, URL]> = [
  ['examples/rules.yaml', new URL('slos.yaml', examples), new URL('rules.yaml', examples)],
  ...readdirSync(golden)
    .filter((f) => f.startsWith('in-') && f.endsWith('.yaml'))
    .map(
      (f) =>
        [
          `testdata/golden/${f.replace(/^in-/, 'out-')}`,
          new URL(f, golden),
          new URL(f.replace(/^in-/, 'out-'), golden),
        ] as const,
    ),
];

const ALERT_NAMES: readonly string[] = [...Object.values(ALERTS), ...Object.values(INHIBITORS)];

/** Every `query` string anywhere in a spec: the user's own series, which the rules may read. */
function specQueries(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(specQueries);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (k === 'query' && typeof v === 'string' ? [v] : specQueries(v)));
}

interface RuleText {
  record?: string;
  alert?: string;
  expr: string;
}

/** The names in a rule file that neither the contract nor the spec's queries define. */
function unknownNames(rules: RuleText[], specSeries: ReadonlySet<string>): string[] {
  const unknown = new Set<string>();
  for (const r of rules) {
    if (r.record !== undefined && !definesSeries(r.record)) unknown.add(`record ${r.record}`);
    if (r.alert !== undefined && !ALERT_NAMES.includes(r.alert)) unknown.add(`alert ${r.alert}`);
    for (const name of seriesNamesIn(r.expr)) {
      if (!definesSeries(name) && !specSeries.has(name)) unknown.add(name);
    }
  }
  return [...unknown];
}

function rulesOf(file: URL): RuleText[] {
  const doc = parseYaml(readFileSync(file, 'utf8')) as { groups: { rules: RuleText[] }[] };
  return doc.groups.flatMap((g) => g.rules);
}

function specSeriesOf(file: URL): Set<string> {
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS());
  // `{{window}}` is the spec's placeholder for the rate window each rule fills in.
  return new Set(specQueries(docs).flatMap((q) => seriesNamesIn(q.replace(/\{\{\s*window\s*\}\}/g, '5m'))));
}

describe('generated rules use only series the metric contract defines', () => {
  it.each(PAIRS)('%s records, fires and reads only contract names (and its spec’s own series)', (_, spec, out) => {
    const rules = rulesOf(out);
    expect(rules.length).toBeGreaterThan(10);
    expect(unknownNames(rules, specSeriesOf(spec))).toEqual([]);
  });

  it('would name a series, a recording or an alert the contract does not define', () => {
    const rules: RuleText[] = [
      { record: 'slo:made_up:ratio', expr: 'sum(rate(care_calls_total[5m]))' },
      { alert: 'HartslagSomethingElse', expr: 'slo:sli_error:ratio_rate5m > 0.1 and slo:sli_eror:ratio_rate1h > 0.1' },
      { record: 'slo:sli_error:ratio_rate90m', expr: 'http_requests_total' },
    ];
    expect(unknownNames(rules, new Set(['http_requests_total']))).toEqual([
      'record slo:made_up:ratio',
      'alert HartslagSomethingElse',
      'slo:sli_eror:ratio_rate1h',
    ]);
  });
});
