import type { MetricNames } from '../contract/names.js';
import type { PipelineNames } from '../contract/pipeline.js';

/** The metric families a CareMetrics keeps, in the order every exporter lists them. */
export const FAMILY_KEYS = [
  'calls',
  'callDuration',
  'tenantCalls',
  'vendorCalls',
  'tenantOverflow',
  'labelRedactions',
  'instrumentationErrors',
  'vendorCodes',
  'vendorCallDuration',
] as const satisfies readonly (keyof MetricNames)[];

/**
 * The pipeline families, exported after the call families once the service created a pipeline:
 * a service without pipelines exposes exactly what it did before.
 */
export const PIPELINE_FAMILY_KEYS = [
  'stageCalls',
  'stageDuration',
  'queueDepth',
  'oldestMessageAge',
  'messageAge',
] as const satisfies readonly (keyof PipelineNames)[];

export type CallFamilyKey = (typeof FAMILY_KEYS)[number];
export type PipelineFamilyKey = (typeof PIPELINE_FAMILY_KEYS)[number];
export type FamilyKey = CallFamilyKey | PipelineFamilyKey;

/** Every family's name, call and pipeline families alike. */
export type FamilyNames = MetricNames & PipelineNames;
