import { CARE_CALLS, CONTRACT_TENANTS, DENIED_LOGIN_CALL, LOGIN_CALL, NO_CONTRACT_TENANTS } from '@hartslag/scenarios';
import type { Flow, Step, Variable } from './Flow.js';

/** The session variables the flows use; each engine makes them up per session. */
export const VARIABLES: Readonly<Record<string, Variable>> = {
  user: { kind: 'provider' },
  peer: { kind: 'provider' },
  tenant: { kind: 'pick', values: CONTRACT_TENANTS },
  deniedTenant: { kind: 'pick', values: NO_CONTRACT_TENANTS },
  patient: { kind: 'number', prefix: 'p-', min: 1, max: 99_999 },
  prescription: { kind: 'number', prefix: 'rx-', min: 1, max: 99_999 },
};

const login: Step = { name: 'login', ...LOGIN_CALL, capture: { json: '$.token', as: 'token' } };

/**
 * A care provider's first minutes: log in, look up a patient's medication history and a
 * prescription, register a dispensation, and send `messages` messages to colleagues.
 */
export function careProviderSession(messages: number): Flow {
  return {
    name: 'care-provider',
    description: `log in, fetch a medication history and a prescription, register a dispensation, send ${messages} message${messages === 1 ? '' : 's'}`,
    weight: 19,
    steps: [
      login,
      { name: 'fetch-medication-history', ...CARE_CALLS['fetch-medication-history'] },
      { name: 'fetch-prescription', ...CARE_CALLS['fetch-prescription'] },
      { name: 'register-dispensation', ...CARE_CALLS['register-dispensation'] },
      { name: 'send-message', ...CARE_CALLS['send-message'], repeat: messages },
    ],
  };
}

/**
 * One session in twenty comes from a pharmacy without a contract: its login is denied (403, outcome
 * `denied`), which must never count as a failure of the platform.
 */
export const DENIED_LOGIN: Flow = {
  name: 'no-contract',
  description: 'a pharmacy without a contract tries to log in and is denied',
  weight: 1,
  steps: [{ name: 'login-denied', ...DENIED_LOGIN_CALL }],
};
