import { OPERATIONS, type Operation } from '@hartslag/scenarios';

/** The operation labels the platform records: the scenario catalogue's, as the SLO spec names them. */
export { OPERATIONS, type Operation };

export function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value);
}
