import { OTHER } from '@hartslag/metrics/contract';
import {
  DEFAULT_GROUP_TOP,
  GROUP_LABELS,
  type Grouping,
  type GroupLabel,
  groupFamily,
  MAX_GROUP_TOP,
} from '../model/groups.js';
import { type Field, type SpecReader, show } from './SpecReader.js';

/** What else the SLO sets: the settings a grouped SLO cannot honour per group. */
export interface GroupContext {
  /** The SLI is a spec query, not the care_* calls of a service. */
  custom: boolean;
  operation?: string;
  calendar: boolean;
  timeslices: boolean;
  maxOutage: boolean;
  silence: boolean;
  breakdown: boolean;
}

/**
 * `hartslag.dev/by: vendor` (or the old `spec.by: [vendor]`) with `hartslag.dev/by-top: "10"`.
 * One label, one the metric contract bounds (model/groups.ts); refused with a code otherwise.
 */
export function readGroupBy(
  r: SpecReader,
  field: Field,
  topField: Field | undefined,
  context: GroupContext,
): Grouping | undefined {
  const items = r.list(field);
  if (items === undefined) return undefined;
  if (items.length !== 1) {
    return r.fail(
      field,
      `must name one group label (${GROUP_LABELS.join(' or ')}), got ${items.length}: write one SLO per grouping`,
      'HARTSLAG_ERR_SPEC_GROUP_LABEL',
    );
  }
  const name = r.string(items[0]!);
  if (name === undefined) return undefined;
  if (!(GROUP_LABELS as readonly string[]).includes(name)) {
    const families = GROUP_LABELS.map((l) => `${l} (${groupFamily(l)})`).join(' or ');
    return r.fail(
      items[0]!,
      `"${name}" is not a label the metric contract bounds: a grouped SLO can split by ${families}; care_calls_total carries no other label whose values are capped, and an unbounded label would make a series per value`,
      'HARTSLAG_ERR_SPEC_GROUP_LABEL',
    );
  }
  const label = name as GroupLabel;
  const unsupported = (why: string) => r.fail(field, why, 'HARTSLAG_ERR_SPEC_GROUP_UNSUPPORTED');
  if (context.custom) {
    return unsupported(
      `needs the default SLI on the care_* metrics (the ${label} series exist only there): remove spec.indicator's own queries or the grouping`,
    );
  }
  if (context.operation !== undefined) {
    return unsupported(
      `cannot keep operation "${context.operation}": the ${label} series carry no operation label, so a grouped SLO covers the whole service; remove the operation, or keep this SLO ungrouped and add a grouped one for the service`,
    );
  }
  const others: [boolean, string][] = [
    [context.calendar, 'a calendar period (isRolling: false)'],
    [context.timeslices, 'Timeslices budgeting'],
    [context.maxOutage, 'hartslag.dev/max-outage'],
    [context.silence, 'hartslag.dev/silence'],
    [context.breakdown, 'hartslag.dev/breakdown'],
  ];
  const given = others.filter(([on]) => on).map(([, what]) => what);
  if (given.length > 0) {
    return unsupported(
      `is not judged per group together with ${given.join(', ')}: keep those on an ungrouped SLO of the service and give the grouped one a rolling window and burn-rate tiers only`,
    );
  }
  const top = topField === undefined ? DEFAULT_GROUP_TOP : readTop(r, topField);
  return top === undefined ? undefined : { label, top };
}

function readTop(r: SpecReader, field: Field): number | undefined {
  const text = r.string(field);
  const n = text === undefined ? undefined : Number(text.trim());
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > MAX_GROUP_TOP) {
    return r.fail(
      field,
      `must be a whole number of groups from 1 to ${MAX_GROUP_TOP} (the rest are counted as "${OTHER}"), got ${show(field.node)}`,
    );
  }
  return n;
}
