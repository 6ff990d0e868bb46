import type { MetricNames } from '../contract/names.js';

/** The metric families a CareMetrics keeps, in the order every exporter lists them. */
export const FAMILY_KEYS = [
  'calls',
  'callDuration',
  'tenantCalls',
  'vendorCalls',
  'tenantOverflow',
  'labelRedactions',
  'instrumentationErrors',
] as const satisfies readonly (keyof MetricNames)[];

export type FamilyKey = (typeof FAMILY_KEYS)[number];
