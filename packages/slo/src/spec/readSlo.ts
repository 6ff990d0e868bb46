import { isScalar } from 'yaml';
import type { Breakdown, Indicator, Slo } from '../model/Slo.js';
import { percentHint } from './hints.js';
import { readAlertLabels } from './readAlertLabels.js';
import { readIndicator } from './readIndicator.js';
import { readMaxOutage } from './readMaxOutage.js';
import { readSilence } from './readSilence.js';
import { type Field, type SpecReader, show } from './SpecReader.js';

export const API_VERSION = 'openslo/v1';
/** OpenSLO metadata.name: a DNS label (RFC 1123), as it becomes the `slo` label and rule group names. */
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const BREAKDOWNS: readonly Breakdown[] = ['tenant', 'vendor'];
/** Rolling windows from a day to a quarter; the burn-rate alert windows (up to 3d) assume about a month. */
const WINDOW = { min: 86_400, max: 90 * 86_400, wholeDays: true };

const ROOT = { keys: ['apiVersion', 'kind', 'metadata', 'spec'] };
const METADATA = {
  keys: ['name', 'displayName'],
  unsupported: {
    labels: 'is not read: extra alert labels go under spec.alerting.labels',
    annotations: 'is not read: describe the SLO in spec.description',
  },
};
const SPEC = {
  keys: [
    'description',
    'service',
    'operation',
    'budgetingMethod',
    'timeWindow',
    'objectives',
    'indicator',
    'maxOutage',
    'silence',
    'breakdown',
    'alerting',
  ],
  unsupported: {
    indicatorRef: 'is not supported: write the indicator inline under spec.indicator',
    alertPolicies: 'is not supported: Hartslag generates the alerts; extra alert labels go under spec.alerting.labels',
  },
};
const TIME_WINDOW = {
  keys: ['duration', 'isRolling'],
  unsupported: { calendar: 'is not supported: only rolling windows are (isRolling: true)' },
};
const TIMESLICES = 'is for Timeslices budgeting, which is not supported: the budget is a ratio of calls';
const OBJECTIVE = {
  keys: ['target', 'displayName'],
  unsupported: {
    targetPercent: 'is not supported: write target as a fraction (99.9% is target: 0.999)',
    op: 'is for threshold SLIs, which are not supported: the SLI is a ratio of calls',
    value: 'is for threshold SLIs, which are not supported: the SLI is a ratio of calls',
    timeSliceTarget: TIMESLICES,
    timeSliceWindow: TIMESLICES,
  },
};

/**
 * One `kind: SLO` document as an Slo, or undefined when anything in it was reported. `names`
 * holds the names taken by earlier documents (with their lines), to keep them unique.
 */
export function readSlo(r: SpecReader, file: string, names: Map<string, number>): Slo | undefined {
  const root = r.root();
  const doc = r.map(root, ROOT, 'a map of apiVersion, kind, metadata and spec');
  if (doc === undefined) return undefined;
  const apiVersion = r.need(doc, 'apiVersion', root);
  const kind = r.need(doc, 'kind', root);
  const isSlo = [
    apiVersion && exactly(r, apiVersion, API_VERSION, 'other versions are not read'),
    kind && exactly(r, kind, 'SLO', 'keep other OpenSLO kinds out of this file'),
  ];
  // A document of another version or kind means something else by its fields: say only that.
  if (isSlo.includes(false)) return undefined;

  const metadataField = r.need(doc, 'metadata', root);
  const metadata = metadataField && r.map(metadataField, METADATA);
  const nameField = metadata && r.need(metadata, 'name', metadataField!);
  const name = nameField && readName(r, nameField, names);
  const displayName = optional(metadata?.get('displayName'), (f) => r.string(f));

  const specField = r.need(doc, 'spec', root);
  const spec = specField && r.map(specField, SPEC);
  if (spec === undefined) return undefined;

  const description = optional(spec.get('description'), (f) => r.string(f));
  const serviceField = r.need(spec, 'service', specField!);
  const service = serviceField && r.string(serviceField);
  const operation = optional(spec.get('operation'), (f) => r.string(f));
  const budgeting = spec.get('budgetingMethod');
  const method = budgeting && r.string(budgeting);
  if (method !== undefined && method !== 'Occurrences') {
    r.fail(
      budgeting!,
      `must be Occurrences, got ${show(budgeting!.node)}: the budget is a ratio of calls (failed calls to all calls)`,
    );
  }
  const windowField = r.need(spec, 'timeWindow', specField!);
  const window = windowField && readWindow(r, windowField);
  const objectivesField = r.need(spec, 'objectives', specField!);
  const objective = objectivesField && readObjective(r, objectivesField);

  const indicatorField = spec.get('indicator');
  const indicator: Indicator | undefined = indicatorField
    ? readIndicator(r, indicatorField)
    : service === undefined
      ? undefined
      : { kind: 'care', selector: { service, ...(operation ? { operation } : {}) } };
  const maxOutage = optional(spec.get('maxOutage'), (f) => readMaxOutage(r, f));
  const silence = optional(spec.get('silence'), (f) => readSilence(r, f));
  const breakdownField = spec.get('breakdown');
  const breakdown = breakdownField ? readBreakdown(r, breakdownField, indicatorField !== undefined) : [];
  const alertingField = spec.get('alerting');
  const labels = alertingField ? readAlertLabels(r, alertingField) : {};

  if (r.failed) return undefined;
  return {
    name: name!,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(description !== undefined ? { description } : {}),
    service: service!,
    ...(operation !== undefined ? { operation } : {}),
    indicator: indicator!,
    objective: objective!,
    window: window!,
    ...(maxOutage !== undefined ? { maxOutage } : {}),
    ...(silence !== undefined ? { silence } : {}),
    breakdown: breakdown!,
    labels: labels!,
    source: { file, line: kind?.line ?? root.line },
  };
}

/** Reads a field only when the spec gives it (whether it was valid, `r.failed` tells). */
function optional<T>(field: Field | undefined, read: (field: Field) => T | undefined): T | undefined {
  return field === undefined ? undefined : read(field);
}

function exactly(r: SpecReader, field: Field, wanted: string, why: string): boolean {
  const value = r.string(field);
  if (value === undefined) return false;
  if (value === wanted) return true;
  r.fail(field, `must be "${wanted}", got ${show(field.node)} (${why})`);
  return false;
}

function readName(r: SpecReader, field: Field, names: Map<string, number>): string | undefined {
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

function readWindow(r: SpecReader, field: Field): number | undefined {
  const item = r.single(field, 'window');
  const entries = item && r.map(item, TIME_WINDOW);
  if (entries === undefined) return undefined;
  const durationField = r.need(entries, 'duration', item!);
  const seconds = durationField && r.duration(durationField, WINDOW);
  const rollingField = r.need(entries, 'isRolling', item!);
  const rolling = rollingField && r.boolean(rollingField);
  if (rolling === false) r.fail(rollingField!, 'must be true: only rolling windows are supported, not calendar ones');
  return rolling ? seconds : undefined;
}

function readObjective(r: SpecReader, field: Field): number | undefined {
  const item = r.single(field, 'objective', '; write one SLO document per objective');
  const entries = item && r.map(item, OBJECTIVE);
  if (entries === undefined) return undefined;
  optional(entries.get('displayName'), (f) => r.string(f));
  const targetField = r.need(entries, 'target', item!);
  if (targetField === undefined) return undefined;
  const node = targetField.node;
  const percent = isScalar(node) && typeof node.value === 'string' ? /^(\d+(?:\.\d+)?)\s*%$/.exec(node.value) : null;
  if (percent) return r.fail(targetField, `must be a number, got ${show(node)}${percentHint(Number(percent[1]))}`);
  const target = r.number(targetField);
  if (target === undefined || (target > 0 && target < 1)) return target;
  const noBudget = target === 1 || target === 100 ? ': 100% leaves no error budget' : percentHint(target);
  return r.fail(targetField, `must be between 0 and 1 (exclusive), got ${target}${noBudget}`);
}

function readBreakdown(r: SpecReader, field: Field, customIndicator: boolean): Breakdown[] | undefined {
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
