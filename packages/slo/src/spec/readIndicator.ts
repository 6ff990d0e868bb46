import { BUDGET_BURNING_OUTCOMES, METRICS } from '@hartslag/metrics/contract';
import type { Indicator } from '../model/Slo.js';
import type { Catalog } from './Catalog.js';
import { normaliseWindow, wrapCounters } from './counterQuery.js';
import { readOtelSource } from './otelSource.js';
import { freshnessIndicator } from './readFreshness.js';
import type { Source } from './Source.js';
import { type Field, type SpecReader, show } from './SpecReader.js';
import { suggest } from './suggest.js';

const INDICATOR = { keys: ['metadata', 'spec'] };
const METADATA = { keys: ['name', 'displayName', 'labels', 'annotations'] };
const THRESHOLD =
  'is a threshold on a measured value, which Hartslag cannot budget: its SLIs count good and bad events. Write a ratioMetric (for latency: good = the histogram bucket at the threshold, e.g. http_request_duration_seconds_bucket{le="0.5"}, total = its _count)';
const SPEC = { keys: ['description', 'ratioMetric', 'thresholdMetric'] };
const RATIO = { keys: ['counter', 'good', 'bad', 'total', 'raw', 'rawType'] };
const METRIC = { keys: ['metricSource'] };
const SOURCE = { keys: ['metricSourceRef', 'type', 'spec'] };
const RAW =
  'is a precomputed ratio, which Hartslag cannot budget: the error budget needs counts of events. Give good (or bad) and total queries instead';

/** Where the rules put each rate window; `fill` in rules/promql.ts replaces exactly this. */
const RANGE = /\[\s*\{\{window\}\}\s*\]/;
const RANGES = new RegExp(RANGE.source, 'g');

/** `spec.indicator`: an OpenSLO SLI written inline, `{ metadata, spec }`. */
export function readIndicator(r: SpecReader, field: Field, catalog: Catalog): Indicator | undefined {
  const indicator = r.map(field, INDICATOR);
  if (indicator === undefined) return undefined;
  const metadata = indicator.get('metadata');
  if (metadata !== undefined) {
    const m = r.map(metadata, METADATA);
    for (const key of ['name', 'displayName']) {
      const f = m?.get(key);
      if (f !== undefined) r.string(f);
    }
  }
  const specField = r.need(indicator, 'spec', field);
  return specField && readSliSpec(r, specField, catalog);
}

/** `spec.indicatorRef`: an SLI document of the same file, by name. */
export function readIndicatorRef(r: SpecReader, field: Field, catalog: Catalog): Indicator | undefined {
  const name = r.string(field);
  if (name === undefined) return undefined;
  const sli = catalog.get('SLI', name);
  if (sli === undefined) {
    const meant = suggest(name, catalog.names('SLI'));
    return r.fail(
      field,
      `names the SLI "${name}", which is not in this file${meant ? `; did you mean ${meant}?` : ''}: Hartslag reads one file, so put the SLI document beside the SLO (--- or a list item), or write it inline under spec.indicator`,
      'HARTSLAG_ERR_SPEC_REF_MISSING',
    );
  }
  // Problems inside the SLI are reported at its own lines, once however many SLOs use it.
  return catalog.indicator(name, () => (sli.spec ? readSliSpec(sli.r, sli.spec, catalog) : undefined));
}

/** The `spec` of an SLI: a ratioMetric of Prometheus queries. */
export function readSliSpec(r: SpecReader, field: Field, catalog: Catalog): Indicator | undefined {
  const spec = r.map(field, SPEC);
  if (spec === undefined) return undefined;
  const description = spec.get('description');
  if (description !== undefined) r.string(description);
  const threshold = spec.get('thresholdMetric');
  if (threshold !== undefined) return r.fail(threshold, THRESHOLD, 'HARTSLAG_ERR_SPEC_THRESHOLD_METRIC');
  const ratioField = r.need(spec, 'ratioMetric', field);
  return ratioField && readRatio(r, ratioField, catalog);
}

function readRatio(r: SpecReader, ratioField: Field, catalog: Catalog): Indicator | undefined {
  const ratio = r.map(ratioField, RATIO);
  if (ratio === undefined) return undefined;
  const raw = ratio.get('raw') ?? ratio.get('rawType');
  if (raw !== undefined) return r.fail(raw, RAW, 'HARTSLAG_ERR_SPEC_RAW_METRIC');

  const counterField = ratio.get('counter');
  const counter = counterField === undefined ? undefined : r.boolean(counterField);
  const good = ratio.get('good');
  const bad = ratio.get('bad');
  if (good !== undefined && bad !== undefined) {
    r.fail(ratioField, 'must have good or bad, not both (bad = total − good)');
  } else if (good === undefined && bad === undefined) {
    r.fail(ratioField, 'needs good or bad besides total');
  }
  const totalField = r.need(ratio, 'total', ratioField);
  const sources = {
    good: good && readSource(r, good, catalog),
    bad: bad && readSource(r, bad, catalog),
    total: totalField && readSource(r, totalField, catalog),
  };
  return indicatorFrom(r, sources, counter);
}

/**
 * The indicator of read metric sources: refused once when a source is not Prometheus; raw
 * counters wrapped; the care_* calls recognised as the default SLI.
 */
export function indicatorFrom(
  r: SpecReader,
  sources: { good?: Source | undefined; bad?: Source | undefined; total?: Source | undefined },
  counter: boolean | undefined,
): Indicator | undefined {
  const read = [sources.good, sources.bad, sources.total].filter((s): s is Source => s !== undefined);
  // One refusal for the indicator, not one per query: the queries share the reason.
  const foreign = read.find((s) => s.type !== undefined && s.type.toLowerCase() !== 'prometheus');
  if (foreign !== undefined) {
    return r.fail(
      foreign.typeField,
      `is ${show(foreign.typeField.node)}, not Prometheus: Hartslag turns the SLI into Prometheus recording rules and cannot read other metric sources`,
      'HARTSLAG_ERR_SPEC_METRIC_SOURCE',
    );
  }
  const queries = {
    good: sources.good && toQuery(r, sources.good, counter),
    bad: sources.bad && toQuery(r, sources.bad, counter),
    total: sources.total && toQuery(r, sources.total, counter),
  };
  if (queries.total === undefined || (queries.good === undefined && queries.bad === undefined)) return undefined;
  if (queries.bad !== undefined && counter === true) {
    const care = careSelector(sources.bad!.query!, sources.total!.query!);
    if (care !== undefined) return { kind: 'care', selector: care };
  }
  if (queries.good !== undefined) {
    const fresh = freshnessIndicator(
      r,
      sources.good!.queryField ?? sources.good!.typeField,
      queries.good,
      queries.total,
    );
    if (fresh === 'failed') return undefined;
    if (fresh !== undefined) return fresh;
  }
  return {
    kind: 'ratio',
    ...(queries.bad !== undefined ? { bad: queries.bad } : { good: queries.good! }),
    total: queries.total,
  };
}

function readSource(r: SpecReader, field: Field, catalog: Catalog): Source | undefined {
  const metric = r.map(field, METRIC);
  const sourceField = metric && r.need(metric, 'metricSource', field);
  const source = sourceField && r.map(sourceField, SOURCE);
  if (source === undefined) return undefined;
  const typeField = source.get('type');
  let type = typeField && r.string(typeField);
  let at = typeField ?? sourceField!;
  const refField = source.get('metricSourceRef');
  if (refField !== undefined && typeField === undefined) {
    // The type comes from the DataSource document the reference names.
    const name = r.string(refField);
    const ds = name === undefined ? undefined : catalog.get('DataSource', name);
    if (name !== undefined && ds === undefined) {
      const meant = suggest(name, catalog.names('DataSource'));
      r.fail(
        refField,
        `names the DataSource "${name}", which is not in this file${meant ? `; did you mean ${meant}?` : ''}: add the DataSource document beside the SLO, or write type: Prometheus here`,
        'HARTSLAG_ERR_SPEC_REF_MISSING',
      );
      return undefined;
    }
    const dsSpec = ds?.spec && ds.r.map(ds.spec, undefined);
    const dsType = dsSpec?.get('type');
    if (dsType !== undefined) {
      type = ds!.r.string(dsType);
      at = dsType;
    }
  } else if (typeField === undefined) {
    r.need(source, 'type', sourceField!);
  }
  if (type?.toLowerCase() === 'otel') return readOtelSource(r, sourceField!, at);
  if (type !== undefined && type.toLowerCase() !== 'prometheus') {
    // A query in another source's language would only add a second message to the refusal.
    return { type, typeField: at };
  }
  const specField = r.need(source, 'spec', sourceField!);
  const spec = specField && r.map(specField, undefined);
  const queryField = spec && r.need(spec, 'query', specField!);
  for (const [key, f] of spec ?? []) {
    if (key !== 'query') r.warn(f, 'is not read: Hartslag reads only the query of a Prometheus metric source');
  }
  const query = queryField && r.string(queryField);
  return {
    ...(query !== undefined ? { query, queryField } : {}),
    ...(type !== undefined ? { type } : {}),
    typeField: at,
  };
}

/** A query with `[{{window}}]` where each rule puts its window; raw counters wrapped in rate(). */
function toQuery(r: SpecReader, source: Source, counter: boolean | undefined): string | undefined {
  if (source.query === undefined) return undefined;
  const field = source.queryField!;
  const query = normaliseWindow(source.query);
  if (query.includes('{{window}}')) {
    if (!RANGE.test(query) || query.replace(RANGES, '').includes('{{window}}')) {
      return r.fail(field, 'must use {{window}} only as a whole range: [{{window}}]');
    }
    return query;
  }
  if (counter !== true) {
    return r.fail(
      field,
      'must contain {{window}} as its range, e.g. sum(rate(x_total[{{window}}])), or name a bare counter (sum(x_total)) with counter: true (incremental: true in openslo/v1alpha): each generated rule puts its own window there (5m, 1h …)',
    );
  }
  const wrapped = wrapCounters(query);
  if ('problem' in wrapped) return r.fail(field, wrapped.problem);
  return wrapped.query;
}

const CARE_TOTAL = new RegExp(`^${METRICS.calls}\\{(.*)\\}$`);
const BAD_OUTCOMES = BUDGET_BURNING_OUTCOMES.join('|');

/**
 * The selector of the default SLI when bad and total are exactly the care_* calls of a service
 * (and operation) — how a Hartslag spec writes its default indicator as valid OpenSLO.
 */
function careSelector(bad: string, total: string): Record<string, string> | undefined {
  const t = matchers(total.trim());
  const b = matchers(bad.trim());
  if (t === undefined || b === undefined) return undefined;
  const service = t.get('=service');
  const operation = t.get('=operation');
  if (service === undefined || t.size !== (operation === undefined ? 1 : 2)) return undefined;
  if (b.size !== t.size + 1 || b.get('=~outcome') !== BAD_OUTCOMES) return undefined;
  if (b.get('=service') !== service || b.get('=operation') !== operation) return undefined;
  return { service, ...(operation !== undefined ? { operation } : {}) };
}

/** `care_calls_total{a="x",b=~"y"}` as { '=a': 'x', '=~b': 'y' }; undefined for anything else. */
function matchers(query: string): Map<string, string> | undefined {
  const body = CARE_TOTAL.exec(query)?.[1];
  if (body === undefined) return undefined;
  const out = new Map<string, string>();
  const one = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|=)\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;
  let i = 0;
  while (i < body.length) {
    one.lastIndex = i;
    const m = one.exec(body);
    if (m === null) return undefined;
    out.set(`${m[2]}${m[1]}`, m[3]!);
    i = one.lastIndex;
  }
  return out;
}
