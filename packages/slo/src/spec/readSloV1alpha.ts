import type { Indicator, Slo } from '../model/Slo.js';
import { percentHint } from './hints.js';
import { indicatorFrom } from './readIndicator.js';
import { readAnnotations, readLabels } from './readMetadata.js';
import { DEFAULT_WINDOW, optional, readName } from './readSlo.js';
import { calendarPeriod, WINDOW, type Window } from './readWindow.js';
import type { Source } from './Source.js';
import { type Field, type SpecReader, show } from './SpecReader.js';

export const API_VERSION_V1ALPHA = 'openslo/v1alpha';

const ROOT = { keys: ['apiVersion', 'kind', 'metadata', 'spec'] };
const METADATA = { keys: ['name', 'displayName', 'labels', 'annotations'] };
const SPEC = {
  keys: ['description', 'service', 'budgetingMethod', 'objectives', 'timeWindows', 'indicator'],
};
const OBJECTIVE = {
  keys: ['displayName', 'target', 'ratioMetrics', 'op', 'value', 'timeSliceTarget', 'timeSliceWindow'],
};
const RATIO = { keys: ['good', 'bad', 'total', 'incremental'] };
const QUERY = { keys: ['source', 'queryType', 'query', 'metadata'] };
const TIME_WINDOW = { keys: ['count', 'unit', 'isRolling', 'calendar'] };
const UNITS = ['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month', 'Quarter', 'Year'] as const;
const SECONDS: Record<(typeof UNITS)[number], number> = {
  Second: 1,
  Minute: 60,
  Hour: 3600,
  Day: 86_400,
  Week: 604_800,
  Month: 30 * 86_400,
  Quarter: 90 * 86_400,
  Year: 365 * 86_400,
};
const CALENDAR_UNITS = { Day: 'day', Week: 'week', Month: 'month', Quarter: 'quarter' } as const;

/**
 * An `openslo/v1alpha` SLO as Sloth reads it: each objective carries its own ratioMetrics; one
 * objective keeps the SLO's name, several become `<name>-0`, `<name>-1` … (Sloth's naming).
 */
export function readSloV1alpha(r: SpecReader, file: string, names: Map<string, number>): Slo[] | undefined {
  const root = r.root();
  const doc = r.map(root, ROOT, 'a map of apiVersion, kind, metadata and spec');
  if (doc === undefined) return undefined;
  const metadataField = r.need(doc, 'metadata', root);
  const metadata = metadataField && r.map(metadataField, METADATA);
  const nameField = metadata && r.need(metadata, 'name', metadataField!);
  const name = nameField && readName(r, nameField, names);
  const displayName = optional(metadata?.get('displayName'), (f) => r.string(f));
  const labelsField = metadata?.get('labels');
  const labels = labelsField ? readLabels(r, labelsField) : {};
  const annotationsField = metadata?.get('annotations');
  const annotations = annotationsField ? readAnnotations(r, annotationsField) : undefined;
  for (const f of annotations?.extensions.values() ?? []) {
    r.fail(f, 'is read in openslo/v1 files only: write the SLO as apiVersion: openslo/v1 to use Hartslag settings');
  }

  const specField = r.need(doc, 'spec', root);
  const spec = specField && r.map(specField, SPEC);
  if (spec === undefined) return undefined;
  const description = optional(spec.get('description'), (f) => r.string(f));
  const serviceField = r.need(spec, 'service', specField!);
  const service = serviceField && r.string(serviceField);
  const budgeting = spec.get('budgetingMethod');
  const method = budgeting && r.string(budgeting);
  if (method !== undefined && method !== 'Occurrences') {
    r.fail(
      budgeting!,
      `must be Occurrences in openslo/v1alpha files, got ${show(budgeting!.node)}: for Timeslices, write the SLO as openslo/v1`,
      'HARTSLAG_ERR_SPEC_BUDGETING',
    );
  }
  const threshold = spec.get('indicator');
  if (threshold !== undefined) {
    r.fail(
      threshold,
      'is a threshold on a measured value, which Hartslag cannot budget: its SLIs count good and bad events. Give each objective ratioMetrics instead',
      'HARTSLAG_ERR_SPEC_THRESHOLD_METRIC',
    );
  }
  const windowsField = spec.get('timeWindows');
  const window = windowsField ? readWindows(r, windowsField) : { seconds: DEFAULT_WINDOW };
  const objectivesField = r.need(spec, 'objectives', specField!);
  const items = objectivesField && r.list(objectivesField);
  if (items !== undefined && items.length === 0) r.fail(objectivesField!, 'must hold at least one objective');
  const objectives = threshold === undefined ? (items ?? []).map((item) => readObjective(r, item)) : [];

  if (r.failed || objectives.includes(undefined)) return undefined;
  const line = doc.get('kind')?.line ?? root.line;
  return objectives.map((o, i) => ({
    name: objectives.length === 1 ? name! : `${name!}-${i}`,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(description !== undefined ? { description } : {}),
    service: service!,
    indicator: o!.indicator,
    objective: o!.target,
    window: window!.seconds,
    ...(window!.calendar !== undefined ? { calendar: window!.calendar } : {}),
    breakdown: [],
    labels: labels!,
    ...(annotations && Object.keys(annotations.annotations).length > 0 ? { annotations: annotations.annotations } : {}),
    source: { file, line },
  }));
}

function readObjective(r: SpecReader, item: Field): { target: number; indicator: Indicator } | undefined {
  const entries = r.map(item, OBJECTIVE);
  if (entries === undefined) return undefined;
  optional(entries.get('displayName'), (f) => r.string(f));
  for (const key of ['op', 'value', 'timeSliceTarget', 'timeSliceWindow']) {
    const f = entries.get(key);
    if (f !== undefined)
      r.warn(f, 'is for threshold SLIs or Timeslices budgeting; with ratioMetrics and Occurrences it is not read');
  }
  const targetField = r.need(entries, 'target', item);
  const target = targetField && r.number(targetField);
  if (target !== undefined && !(target > 0 && target < 1)) {
    r.fail(targetField!, `must be between 0 and 1 (exclusive), got ${target}${percentHint(target)}`);
  }
  const ratioField = r.need(entries, 'ratioMetrics', item);
  const ratio = ratioField && r.map(ratioField, RATIO);
  if (ratio === undefined) return undefined;
  const incremental = ratio.get('incremental');
  const counter = incremental === undefined ? undefined : r.boolean(incremental);
  const good = ratio.get('good');
  const bad = ratio.get('bad');
  if (good !== undefined && bad !== undefined)
    r.fail(ratioField!, 'must have good or bad, not both (bad = total − good)');
  if (good === undefined && bad === undefined) r.fail(ratioField!, 'needs good or bad besides total');
  const total = r.need(ratio, 'total', ratioField!);
  const indicator = indicatorFrom(
    r,
    { good: good && readQuery(r, good), bad: bad && readQuery(r, bad), total: total && readQuery(r, total) },
    counter,
  );
  if (indicator === undefined || target === undefined || r.failed) return undefined;
  return { target, indicator };
}

function readQuery(r: SpecReader, field: Field): Source | undefined {
  const entries = r.map(field, QUERY);
  if (entries === undefined) return undefined;
  const sourceField = r.need(entries, 'source', field);
  const source = sourceField && r.string(sourceField);
  const typeField = sourceField ?? field;
  // Sloth reads source: sloth as its own Prometheus.
  const type = source === 'sloth' ? 'prometheus' : source;
  if (type !== undefined && type.toLowerCase() !== 'prometheus') return { type, typeField };
  const queryType = entries.get('queryType');
  if (queryType !== undefined) r.oneOf(queryType, ['promql'] as const);
  const queryField = r.need(entries, 'query', field);
  const query = queryField && r.string(queryField);
  return { ...(query !== undefined ? { query, queryField } : {}), ...(type !== undefined ? { type } : {}), typeField };
}

function readWindows(r: SpecReader, field: Field): Window | undefined {
  const item = r.single(field, 'time window');
  const entries = item && r.map(item, TIME_WINDOW);
  if (entries === undefined) return undefined;
  const countField = r.need(entries, 'count', item!);
  const count = countField && r.number(countField);
  const unitField = r.need(entries, 'unit', item!);
  const unit = unitField && r.oneOf(unitField, UNITS);
  const rollingField = entries.get('isRolling');
  const rolling = rollingField === undefined ? true : r.boolean(rollingField);
  const calendarField = entries.get('calendar');
  if (count === undefined || unit === undefined || rolling === undefined) return undefined;
  if (rolling === false || calendarField !== undefined) {
    if (calendarField === undefined)
      return r.fail(item!, 'needs calendar: { startTime, timeZone } with isRolling: false');
    const calendarUnit = CALENDAR_UNITS[unit as keyof typeof CALENDAR_UNITS];
    if (calendarUnit === undefined) {
      return r.fail(
        unitField!,
        `must be Day, Week, Month or Quarter for a calendar window, got ${show(unitField!.node)}`,
      );
    }
    return calendarPeriod(r, item!, calendarUnit, count, calendarField);
  }
  const seconds = count * SECONDS[unit];
  if (seconds % 86_400 !== 0 || seconds < WINDOW.min || seconds > WINDOW.max) {
    return r.fail(item!, `must be whole days from 1 to 90, got ${count} ${unit}`);
  }
  return { seconds };
}
