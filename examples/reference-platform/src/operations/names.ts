/** The operation labels the platform records, as the scenario catalogue and SLO spec name them. */
export const OPERATIONS = [
  'login',
  'fetch-medication-history',
  'register-dispensation',
  'fetch-prescription',
  'send-message',
] as const;

export type Operation = (typeof OPERATIONS)[number];

export function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value);
}
