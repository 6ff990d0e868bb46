/** The operation labels the reference platform records (and the SLO spec names). */
export const OPERATIONS = [
  'login',
  'fetch-medication-history',
  'register-dispensation',
  'fetch-prescription',
  'send-message',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * A per-session value the engines make up: a care provider (provider-0001 …), one of a list, or
 * a numbered id (p-123). Paths and bodies name them as `{{name}}`.
 */
export type Variable =
  | { kind: 'provider' }
  | { kind: 'pick'; values: readonly string[] }
  | { kind: 'number'; prefix: string; min: number; max: number };

/** One HTTP call of a flow, engine-neutral. */
export interface Step {
  /** What both engines report the call as: Artillery's request name, k6's `name` tag. */
  name: string;
  operation: Operation;
  method: 'GET' | 'POST';
  /** Path with `{{variable}}` placeholders. */
  path: string;
  /** JSON body; string values may hold `{{variable}}` placeholders. */
  body?: Readonly<Record<string, string>>;
  /** Sends `Authorization: Bearer {{token}}`. */
  auth: boolean;
  /** Keeps a field of the JSON answer as a session variable (`$.token` as `token`). */
  capture?: { json: `$.${string}`; as: string };
  /** What a correct answer looks like: its status, and a field its JSON must have. */
  expect: { status: number; has?: string };
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
