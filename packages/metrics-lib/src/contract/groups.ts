import type { MetricNames } from './names.js';

/**
 * Grouped SLOs (`hartslag.dev/by: vendor`): one spec, one SLO per group, judged by the generated
 * rules and the in-process evaluator alike. A group label is read from the call family that
 * carries it and that the library bounds: `vendor` (capped at tenants.maxVendors) and `tenant`
 * (capped at tenants.max); both fold the rest into `__other__`.
 */
export const SLO_GROUP_FAMILIES = {
  vendor: 'vendorCalls',
  tenant: 'tenantCalls',
} as const satisfies Record<string, keyof MetricNames>;

export type SloGroupLabel = keyof typeof SLO_GROUP_FAMILIES;

/** Groups with series of their own when the spec does not say (`hartslag.dev/by-top`). */
export const SLO_GROUP_TOP_DEFAULT = 10;

/** Upper bound of `by-top`: each group records some 30 series, so 100 groups are 3,000 series per SLO. */
export const SLO_GROUP_TOP_MAX = 100;

/**
 * How far back groups are ranked for their own series: a day, so that a vendor keeps its series
 * through a quiet hour, and one that fails (and so sends fewer calls) keeps paging.
 */
export const SLO_GROUP_RANK_WINDOW = 86_400;
