import type { Field } from './SpecReader.js';

/** A metric source of an OpenSLO indicator (good, bad or total), as read from the spec. */
export interface Source {
  /** `spec.query`, as written. */
  query?: string;
  queryField?: Field;
  type?: string;
  typeField: Field;
}
