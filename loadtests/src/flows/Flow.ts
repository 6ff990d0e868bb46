import type { CallTemplate } from '@hartslag/scenarios';

/**
 * A per-session value the engines make up: a care provider (provider-0001 …), one of a list, or
 * a numbered id (p-123). Paths and bodies name them as `{{name}}`.
 */
export type Variable =
  | { kind: 'provider' }
  | { kind: 'pick'; values: readonly string[] }
  | { kind: 'number'; prefix: string; min: number; max: number };

/** One HTTP call of a flow: a call of the scenario catalogue, named, perhaps kept or repeated. */
export interface Step extends CallTemplate {
  /** What both engines report the call as: Artillery's request name, k6's `name` tag. */
  name: string;
  /** Keeps a field of the JSON answer as a session variable (`$.token` as `token`). */
  capture?: { json: `$.${string}`; as: string };
  /** How many times the step runs in a row (messages of a session). */
  repeat?: number;
}

/** What one session does, with its share of the sessions. */
export interface Flow {
  name: string;
  description: string;
  /** Relative share of new sessions that run this flow. */
  weight: number;
  steps: readonly Step[];
}
