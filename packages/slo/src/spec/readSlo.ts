import { ALERT_WINDOWS, BUDGET_BURNING_OUTCOMES, burnFactor, METRICS } from '@hartslag/metrics/contract';
import { isScalar } from 'yaml';
import { formatDuration } from '../model/duration.js';
import type { Breakdown, Indicator, Slo, Timeslices } from '../model/Slo.js';
import { num } from '../rules/promql.js';
import type { Catalog } from './Catalog.js';
import { percentHint } from './hints.js';
import { readAlertLabels } from './readAlertLabels.js';
import { readAlertPolicies } from './readAlertPolicies.js';
import { readAlertTiers } from './readAlertTiers.js';
import { readGroupBy } from './readGroupBy.js';
import { readIndicator, readIndicatorRef } from './readIndicator.js';
import { readMaxOutage } from './readMaxOutage.js';
import {
  asAnnotation,
  EXTENSION_PREFIX,
  type Extension,
  extensionValue,
  LIST_EXTENSIONS,
  readAnnotations,
  readLabels,
} from './readMetadata.js';
import { readSilence } from './readSilence.js';
import { calendarDuration, WINDOW, type Window } from './readWindow.js';
import { type Field, type SpecReader, show } from './SpecReader.js';

export const API_VERSION = 'openslo/v1';
/** OpenSLO metadata.name: a DNS label (RFC 1123), as it becomes the `slo` label and rule group names. */
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const BREAKDOWNS: readonly Breakdown[] = ['tenant', 'vendor'];
/** When an SLO gives no time window: Sloth's default, the usual month. */
export const DEFAULT_WINDOW = 30 * 86_400;

const ROOT = { keys: ['apiVersion', 'kind', 'metadata', 'spec'] };
const METADATA = { keys: ['name', 'displayName', 'labels', 'annotations'] };
/** Hartslag's fields from before they moved to annotations: still read, with a warning. */
const LEGACY = ['operation', 'maxOutage', 'silence', 'breakdown', 'by', 'alerting'] as const;
const SPEC = {
  keys: [
    'description',
    'service',
    'budgetingMethod',
    'timeWindow',
    'objectives',
    'indicator',
    'indicatorRef',
    'alertPolicies',
    ...LEGACY,
  ],
};
const TIME_WINDOW = { keys: ['duration', 'isRolling', 'calendar'] };
const OBJECTIVE = {
  keys: ['target', 'displayName', 'op', 'value', 'timeSliceTarget', 'timeSliceWindow'],
  unsupported: {
    targetPercent: 'is not supported: write target as a fraction (99.9% is target: 0.999)',
    indicator: 'is for composite SLOs, which are not supported: give the SLO one indicator under spec.indicator',
    indicatorRef: 'is for composite SLOs, which are not supported: give the SLO one indicator under spec.indicator',
    compositeWeight: 'is for composite SLOs, which are not supported: write one SLO per indicator',
  },
};
/** A scrape interval Prometheus can be configured with, from a second to 5 minutes (its staleness limit). */
const SCRAPE = { min: 1, max: 300 };

/** `hartslag.dev/min-traffic`: calls a window must hold before its alerts may fire; a whole number. */
function readMinTraffic(r: SpecReader, field: Field): number | undefined {
  const text = r.string(field);
  const n = text === undefined ? undefined : Number(text.trim());
  if (n === undefined || !Number.isInteger(n) || n < 0 || text!.trim() === '') {
    return r.fail(field, `must be a whole number of calls such as 20, got ${show(field.node)}`);
  }
  return n;
}

/** A time slice is judged by one evaluation of a rate over it: from a minute to an hour. */
const SLICE = { min: 60, max: 3600 };

/** Where each setting was: the old spec field and the annotation that replaces it. */
const MOVED: Record<Exclude<(typeof LEGACY)[number], 'alerting'>, Extension> = {
  operation: 'operation',
  maxOutage: 'max-outage',
  silence: 'silence',
  breakdown: 'breakdown',
  by: 'by',
};

/**
 * One `kind: SLO` document as Slos (one per objective), or undefined when anything in it was
 * reported. `names` holds the names taken by earlier documents (with their lines), to keep them unique.
 */
export function readSlo(r: SpecReader, file: string, names: Map<string, number>, catalog: Catalog): Slo[] | undefined {
  const root = r.root();
  const doc = r.map(root, ROOT, 'a map of apiVersion, kind, metadata and spec');
  if (doc === undefined) return undefined;
  const kind = doc.get('kind');

  const metadataField = r.need(doc, 'metadata', root);
  const metadata = metadataField && r.map(metadataField, METADATA);
  const nameField = metadata && r.need(metadata, 'name', metadataField!);
  const name = nameField && readName(r, nameField, names);
  const displayName = optional(metadata?.get('displayName'), (f) => r.string(f));
  const labelsField = metadata?.get('labels');
  const metadataLabels = labelsField ? readLabels(r, labelsField) : {};
  const annotationsField = metadata?.get('annotations');
  const annotations = annotationsField
    ? readAnnotations(r, annotationsField)
    : { extensions: new Map(), annotations: {} };

  const specField = r.need(doc, 'spec', root);
  const spec = specField && r.map(specField, SPEC);
  if (spec === undefined || annotations === undefined) return undefined;

  /** A Hartslag setting: from its annotation, or from the old spec field with a migration warning. */
  const setting = (field: (typeof LEGACY)[number] & keyof typeof MOVED): Field | undefined => {
    const ext = MOVED[field];
    const annotation = annotations.extensions.get(ext);
    const legacy = spec.get(field);
    if (legacy === undefined) return annotation && extensionValue(r, annotation, LIST_EXTENSIONS.includes(ext));
    if (annotation !== undefined) {
      return r.fail(
        legacy,
        `is given twice: keep metadata.annotations.${EXTENSION_PREFIX}${ext} and remove spec.${field}`,
      );
    }
    r.warn(
      legacy,
      `is Hartslag's old form, which OpenSLO validators refuse; write it as an annotation: metadata: { annotations: { ${EXTENSION_PREFIX}${ext}: "${asAnnotation(legacy.node?.toJSON())}" } }`,
      'HARTSLAG_WARN_SPEC_DEPRECATED',
    );
    return legacy;
  };

  const description = optional(spec.get('description'), (f) => r.string(f));
  const serviceField = r.need(spec, 'service', specField!);
  const service = serviceField && r.string(serviceField);
  const operationField = setting('operation');
  let operation = operationField && r.string(operationField);
  const timeslicing = readBudgeting(r, spec.get('budgetingMethod'));
  const windowField = spec.get('timeWindow');
  if (windowField === undefined) {
    r.warn(
      { ...specField!, path: `${specField!.path}.timeWindow` },
      `is missing, which OpenSLO requires; Hartslag takes a rolling ${formatDuration(DEFAULT_WINDOW)} (as Sloth does): timeWindow: [{ duration: ${formatDuration(DEFAULT_WINDOW)}, isRolling: true }]`,
    );
  }
  const window = windowField ? readWindow(r, windowField) : { seconds: DEFAULT_WINDOW };
  const objectivesField = r.need(spec, 'objectives', specField!);
  const objectives = objectivesField && readObjectives(r, objectivesField, timeslicing);

  const indicatorField = spec.get('indicator');
  const refField = spec.get('indicatorRef');
  let indicator: Indicator | undefined;
  if (indicatorField !== undefined && refField !== undefined) {
    r.fail(refField, 'must not be given beside spec.indicator: give one of the two');
  } else if (indicatorField !== undefined) {
    indicator = readIndicator(r, indicatorField, catalog);
  } else if (refField !== undefined) {
    indicator = readIndicatorRef(r, refField, catalog);
  } else if (service !== undefined) {
    indicator = { kind: 'care', selector: { service, ...(operation ? { operation } : {}) } };
    r.warn(
      specField!,
      `has no indicator, which OpenSLO requires; Hartslag reads the care_* calls, written out as: ${careIndicator(name ?? 'calls', indicator.selector)}`,
      'HARTSLAG_WARN_SPEC_DEPRECATED',
    );
  }
  // A default-SLI indicator written out in OpenSLO names its operation in the query.
  const counted = indicator?.kind === 'care' ? indicator.selector.operation : undefined;
  if (operation === undefined) operation = counted;
  else if (counted !== undefined && counted !== operation && operationField !== undefined) {
    r.fail(
      operationField,
      `is "${operation}", but the indicator counts the calls of operation "${counted}": give one operation`,
    );
  }
  const maxOutage = optional(setting('maxOutage'), (f) => readMaxOutage(r, f));
  const silence = optional(setting('silence'), (f) => readSilence(r, f));
  const breakdownField = setting('breakdown');
  const custom = (indicatorField !== undefined || refField !== undefined) && indicator?.kind !== 'care';
  const breakdown = breakdownField ? readBreakdown(r, breakdownField, custom) : [];
  const alertingField = spec.get('alerting');
  let labels = metadataLabels;
  if (alertingField !== undefined) {
    const alertLabels = readAlertLabels(r, alertingField);
    if (alertLabels !== undefined && Object.keys(alertLabels).length > 0) {
      r.warn(
        alertingField,
        `is Hartslag's old form, which OpenSLO validators refuse; OpenSLO labels go onto every alert: metadata: { labels: { ${Object.entries(
          alertLabels,
        )
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} } }`,
        'HARTSLAG_WARN_SPEC_DEPRECATED',
      );
    }
    labels = labels && alertLabels && { ...alertLabels, ...labels };
  }
  const tiersField = annotations.extensions.get('alert-tiers');
  const tiers = tiersField && window ? readAlertTiers(r, tiersField, window.seconds) : undefined;
  for (const objective of tiers ? (objectives ?? []) : []) {
    for (const t of tiers!) {
      const factor = burnFactor(t, window!.seconds);
      if (factor * (1 - objective.target) < 1) continue;
      r.fail(
        tiersField!,
        `tier "${t.name}": a ${num(factor)}x burn of a ${num(objective.target)} objective is more than every call failing, so it never fires; give a burn factor below ${num(1 / (1 - objective.target))}`,
      );
    }
  }
  const scrapeField = annotations.extensions.get('scrape-interval');
  const scrapeInterval = optional(scrapeField, (f) => r.duration(f, SCRAPE));
  const minTrafficField = annotations.extensions.get('min-traffic');
  const minCalls = optional(minTrafficField, (f) => readMinTraffic(r, f));
  const alertPolicies = readAlertPolicies(r, spec.get('alertPolicies'), catalog, tiers ?? ALERT_WINDOWS);
  const byField = setting('by');
  const byTopField = annotations.extensions.get('by-top');
  if (byTopField !== undefined && byField === undefined) r.fail(byTopField, `needs ${EXTENSION_PREFIX}by`);
  const groupBy = optional(byField, (f) =>
    readGroupBy(r, f, byTopField, {
      custom,
      operation,
      calendar: window?.calendar !== undefined,
      timeslices: timeslicing === true,
      maxOutage: maxOutage !== undefined,
      silence: silence !== undefined,
      breakdown: breakdown !== undefined && breakdown.length > 0,
    }),
  );

  if (r.failed) return undefined;
  const line = kind?.line ?? root.line;
  return objectives!.map((objective, i) => ({
    name: objectives!.length === 1 ? name! : `${name!}-${i}`,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(description !== undefined ? { description } : {}),
    service: service!,
    ...(operation !== undefined ? { operation } : {}),
    indicator: indicator!,
    objective: objective.target,
    window: window!.seconds,
    ...(window!.calendar !== undefined ? { calendar: window!.calendar } : {}),
    ...(objective.timeslices !== undefined ? { timeslices: objective.timeslices } : {}),
    ...(maxOutage !== undefined ? { maxOutage } : {}),
    ...(silence !== undefined ? { silence } : {}),
    breakdown: breakdown!,
    labels: labels!,
    ...(Object.keys(annotations.annotations).length > 0 ? { annotations: annotations.annotations } : {}),
    ...(alertPolicies.length > 0 ? { alertPolicies } : {}),
    ...(tiers !== undefined ? { tiers } : {}),
    ...(scrapeInterval !== undefined ? { scrapeInterval } : {}),
    ...(minCalls !== undefined ? { minCalls } : {}),
    ...(groupBy !== undefined ? { groupBy } : {}),
    source: { file, line },
  }));
}

/** The default SLI written as an OpenSLO indicator, for the migration message. */
function careIndicator(name: string, selector: Record<string, string>): string {
  const labels = Object.entries(selector)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  const bad = `${METRICS.calls}{${labels},outcome=~"${BUDGET_BURNING_OUTCOMES.join('|')}"}`;
  const total = `${METRICS.calls}{${labels}}`;
  const source = (q: string) => `{ metricSource: { type: Prometheus, spec: { query: '${q}' } } }`;
  return `indicator: { metadata: { name: ${name} }, spec: { ratioMetric: { counter: true, bad: ${source(bad)}, total: ${source(total)} } } }`;
}

/** Reads a field only when the spec gives it (whether it was valid, `r.failed` tells). */
export function optional<T>(field: Field | undefined, read: (field: Field) => T | undefined): T | undefined {
  return field === undefined ? undefined : read(field);
}

/** Whether the budget counts time slices (true) or calls (false). */
function readBudgeting(r: SpecReader, field: Field | undefined): boolean | undefined {
  if (field === undefined) return false;
  const method = r.oneOf(field, ['Occurrences', 'Timeslices', 'RatioTimeslices'] as const);
  if (method === 'RatioTimeslices') {
    return r.fail(
      field,
      'is not supported: a slice judged by the ratio of its own good events gives no budget of calls; use Occurrences (the share of good calls) or Timeslices (the share of good minutes)',
      'HARTSLAG_ERR_SPEC_BUDGETING',
    );
  }
  return method === undefined ? undefined : method === 'Timeslices';
}

export function readName(r: SpecReader, field: Field, names: Map<string, number>): string | undefined {
  const name = r.string(field);
  if (name === undefined) return undefined;
  if (!NAME.test(name)) {
    const meant = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    return r.fail(
      field,
      `must be a DNS label (a-z, 0-9 and -, at most 63, starting and ending with a letter or digit), got ${show(field.node)}${NAME.test(meant) ? `; did you mean ${meant}?` : ''}`,
    );
  }
  const earlier = names.get(name);
  if (earlier !== undefined) return r.fail(field, `"${name}" is already the name of the SLO at line ${earlier}`);
  names.set(name, field.line);
  return name;
}

function readWindow(r: SpecReader, field: Field): Window | undefined {
  const item = r.single(field, 'window');
  const entries = item && r.map(item, TIME_WINDOW);
  if (entries === undefined) return undefined;
  const durationField = r.need(entries, 'duration', item!);
  const rollingField = entries.get('isRolling');
  const rolling = rollingField === undefined ? undefined : r.boolean(rollingField);
  const calendarField = entries.get('calendar');
  if (rolling === true && calendarField !== undefined) {
    return r.fail(calendarField, 'must not be given with isRolling: true: a rolling window has no calendar');
  }
  if (rolling === false || calendarField !== undefined) {
    if (calendarField === undefined) {
      return r.fail(
        item!,
        'needs calendar: { startTime, timeZone } with isRolling: false (a budget per calendar period)',
      );
    }
    return durationField && calendarDuration(r, durationField, calendarField);
  }
  if (rollingField === undefined) r.need(entries, 'isRolling', item!);
  const seconds = durationField && r.duration(durationField, WINDOW);
  return seconds === undefined || rolling !== true ? undefined : { seconds };
}

interface Objective {
  target: number;
  timeslices?: Timeslices;
}

function readObjectives(r: SpecReader, field: Field, timeslicing: boolean | undefined): Objective[] | undefined {
  const items = r.list(field);
  if (items === undefined) return undefined;
  if (items.length === 0) return r.fail(field, 'must hold at least one objective');
  const objectives = items.map((item) => readObjective(r, item, timeslicing));
  return objectives.includes(undefined) ? undefined : (objectives as Objective[]);
}

function readObjective(r: SpecReader, item: Field, timeslicing: boolean | undefined): Objective | undefined {
  const entries = r.map(item, OBJECTIVE);
  if (entries === undefined) return undefined;
  optional(entries.get('displayName'), (f) => r.string(f));
  const target = readTarget(r, entries, item);
  const value = entries.get('value');
  if (value !== undefined)
    r.warn(value, 'is for threshold SLIs; a ratio SLI has no value to compare, so it is not read');
  const opField = entries.get('op');
  const op = opField && r.oneOf(opField, ['gt', 'gte', 'lt', 'lte'] as const);
  const sliceTarget = entries.get('timeSliceTarget');
  const sliceWindow = entries.get('timeSliceWindow');
  if (timeslicing !== true) {
    for (const f of [sliceTarget, sliceWindow, opField]) {
      if (f !== undefined) r.warn(f, 'is for Timeslices budgeting; with Occurrences it is not read');
    }
    return target === undefined ? undefined : { target };
  }
  if (op === 'lt' || op === 'lte') {
    r.fail(
      opField!,
      `must be gt or gte for a ratio SLI (a slice is good when enough of its calls are good), got ${op}`,
    );
  }
  const sliceTargetValue = sliceTarget === undefined ? r.need(entries, 'timeSliceTarget', item) : r.number(sliceTarget);
  if (typeof sliceTargetValue === 'number' && !(sliceTargetValue > 0 && sliceTargetValue <= 1)) {
    r.fail(
      sliceTarget!,
      `must be greater than 0 and at most 1, got ${sliceTargetValue}${percentHint(sliceTargetValue)}`,
    );
  }
  const window = sliceWindow === undefined ? r.need(entries, 'timeSliceWindow', item) : r.duration(sliceWindow, SLICE);
  if (target === undefined || typeof sliceTargetValue !== 'number' || typeof window !== 'number' || r.failed) {
    return undefined;
  }
  return { target, timeslices: { window, target: sliceTargetValue, strict: op === 'gt' } };
}

function readTarget(r: SpecReader, entries: Map<string, Field>, item: Field): number | undefined {
  const targetField = r.need(entries, 'target', item);
  if (targetField === undefined) return undefined;
  const node = targetField.node;
  const percent = isScalar(node) && typeof node.value === 'string' ? /^(\d+(?:\.\d+)?)\s*%$/.exec(node.value) : null;
  if (percent) return r.fail(targetField, `must be a number, got ${show(node)}${percentHint(Number(percent[1]))}`);
  const target = r.number(targetField);
  if (target === undefined || (target > 0 && target < 1)) return target;
  const noBudget = target === 1 || target === 100 ? ': 100% leaves no error budget' : percentHint(target);
  return r.fail(targetField, `must be between 0 and 1 (exclusive), got ${target}${noBudget}`);
}

export function readBreakdown(r: SpecReader, field: Field, customIndicator: boolean): Breakdown[] | undefined {
  const items = r.list(field);
  if (items === undefined) return undefined;
  if (customIndicator) {
    // The vendor and tenant series exist only on the care_* metrics (rules/breakdown.ts).
    return r.fail(field, 'needs the default SLI on the care_* metrics: remove it or spec.indicator');
  }
  const seen = new Set<Breakdown>();
  for (const item of items) {
    const by = r.oneOf(item, BREAKDOWNS);
    if (by !== undefined && seen.has(by)) r.fail(item, `repeats ${by}`);
    if (by !== undefined) seen.add(by);
  }
  return [...seen];
}
