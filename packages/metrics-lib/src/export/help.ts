import type { FamilyKey } from '../aggregate/familyKeys.js';
import { HELP } from '../contract/names.js';
import { PIPELINE_HELP } from '../contract/pipeline.js';

/** HELP text of every family, call and pipeline families alike. */
export const FAMILY_HELP: Readonly<Record<FamilyKey, string>> = Object.freeze({ ...HELP, ...PIPELINE_HELP });
