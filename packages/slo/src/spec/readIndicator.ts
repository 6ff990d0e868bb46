import type { Indicator } from '../model/Slo.js';
import type { Field, SpecReader } from './SpecReader.js';

const INDICATOR = { keys: ['metadata', 'spec'] };
const METADATA = { keys: ['name', 'displayName'] };
const SPEC = {
  keys: ['ratioMetric'],
  unsupported: { thresholdMetric: 'is not supported: Hartslag SLIs are ratios of calls (use ratioMetric)' },
};
const RATIO = {
  keys: ['counter', 'good', 'bad', 'total'],
  unsupported: {
    raw: 'is not supported: give a good or bad query and a total query',
    rawType: 'is not supported: give a good or bad query and a total query',
  },
};
const METRIC = { keys: ['metricSource'] };
const SOURCE = {
  keys: ['type', 'spec'],
  unsupported: { metricSourceRef: 'is not supported: write the query inline under metricSource.spec.query' },
};
const QUERY = { keys: ['query'] };

/** Where the rules put each rate window; `fill` in rules/promql.ts replaces exactly this. */
const RANGE = /\[\s*\{\{window\}\}\s*\]/;
const RANGES = new RegExp(RANGE.source, 'g');

/** `spec.indicator`: an OpenSLO ratioMetric of Prometheus queries. */
export function readIndicator(r: SpecReader, field: Field): Indicator | undefined {
  const indicator = r.map(field, INDICATOR);
  if (indicator === undefined) return undefined;
  const metadata = indicator.get('metadata');
  if (metadata !== undefined) {
    const m = r.map(metadata, METADATA);
    for (const f of m?.values() ?? []) r.string(f);
  }
  const specField = r.need(indicator, 'spec', field);
  const spec = specField && r.map(specField, SPEC);
  const ratioField = spec && r.need(spec, 'ratioMetric', specField!);
  const ratio = ratioField && r.map(ratioField, RATIO);
  if (ratio === undefined) return undefined;

  const counter = ratio.get('counter');
  if (counter !== undefined && r.boolean(counter) === false) {
    r.fail(counter, 'must be true: the queries are rates of counters');
  }
  const good = ratio.get('good');
  const bad = ratio.get('bad');
  if (good !== undefined && bad !== undefined) {
    r.fail(ratioField!, 'must have good or bad, not both (bad = total − good)');
  } else if (good === undefined && bad === undefined) {
    r.fail(ratioField!, 'needs good or bad besides total');
  }
  const totalField = r.need(ratio, 'total', ratioField!);
  const queries = {
    good: good && readQuery(r, good),
    bad: bad && readQuery(r, bad),
    total: totalField && readQuery(r, totalField),
  };
  if (queries.total === undefined || (queries.good === undefined && queries.bad === undefined)) return undefined;
  return {
    kind: 'ratio',
    ...(queries.bad !== undefined ? { bad: queries.bad } : { good: queries.good! }),
    total: queries.total,
  };
}

function readQuery(r: SpecReader, field: Field): string | undefined {
  const metric = r.map(field, METRIC);
  const sourceField = metric && r.need(metric, 'metricSource', field);
  const source = sourceField && r.map(sourceField, SOURCE);
  if (source === undefined) return undefined;
  const type = r.need(source, 'type', sourceField!);
  const typeName = type && r.string(type);
  if (typeName !== undefined && typeName !== 'Prometheus') {
    r.fail(type!, `must be Prometheus, got ${JSON.stringify(typeName)}: the SLI becomes Prometheus recording rules`);
  }
  const specField = r.need(source, 'spec', sourceField!);
  const spec = specField && r.map(specField, QUERY);
  const queryField = spec && r.need(spec, 'query', specField!);
  const query = queryField && r.string(queryField);
  if (query === undefined) return undefined;
  if (!RANGE.test(query)) {
    return r.fail(
      queryField!,
      'must contain {{window}} as its range, e.g. sum(rate(x_total[{{window}}])): each generated rule puts its own window there (5m, 1h …)',
    );
  }
  if (query.replace(RANGES, '').includes('{{window}}')) {
    return r.fail(queryField!, 'must use {{window}} only as a whole range: [{{window}}]');
  }
  return query;
}
