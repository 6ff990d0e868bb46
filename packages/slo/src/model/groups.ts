import {
  FAMILY_CONTRACT,
  LABELS,
  METRICS,
  SLO_GROUP_FAMILIES,
  SLO_GROUP_TOP_DEFAULT,
  SLO_GROUP_TOP_MAX,
} from '@hartslag/metrics/contract';

/**
 * Grouped SLOs (`hartslag.dev/by: vendor`): one spec, one SLO per group. A group label must be a
 * label of a call family the metric contract bounds: `vendor` (care_vendor_calls_total, exact,
 * capped at tenants.maxVendors with the rest under `__other__`) and `tenant` (care_tenant_calls_total,
 * capped at tenants.max, the rest under `__other__`). care_calls_total carries neither, so a
 * grouped SLO reads that family, which has no operation label: it covers the whole service.
 */
export const GROUP_FAMILIES = SLO_GROUP_FAMILIES;

export type GroupLabel = keyof typeof GROUP_FAMILIES;

export const GROUP_LABELS = Object.keys(GROUP_FAMILIES) as GroupLabel[];

/** Groups with series of their own when the spec does not say (`hartslag.dev/by-top`). */
export const DEFAULT_GROUP_TOP = SLO_GROUP_TOP_DEFAULT;

/** Upper bound of `by-top` (the contract's, which the evaluator checks too). */
export const MAX_GROUP_TOP = SLO_GROUP_TOP_MAX;

/** How an SLO is split into groups. */
export interface Grouping {
  label: GroupLabel;
  /** Groups with series of their own: the top N by calls over the last day; the rest are `__other__`. */
  top: number;
}

/** The counter family a grouped SLO reads: the contract's family that carries the group label. */
export function groupFamily(label: GroupLabel): string {
  const key = GROUP_FAMILIES[label];
  // The contract owns which family carries which label: a family without it cannot be grouped by it.
  if (!FAMILY_CONTRACT[key].labels.includes(LABELS[label])) {
    throw new Error(`${METRICS[key]} carries no ${label} label in the metric contract`);
  }
  return METRICS[key];
}
