import { CONTRACT_TENANTS, NO_CONTRACT_TENANTS } from '../data/tenants.js';
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

const login: Step = {
  name: 'login',
  operation: 'login',
  method: 'POST',
  path: '/login',
  body: { user: '{{user}}', tenant: '{{tenant}}' },
  auth: false,
  capture: { json: '$.token', as: 'token' },
  expect: { status: 200, has: 'token' },
};

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
      {
        name: 'fetch-medication-history',
        operation: 'fetch-medication-history',
        method: 'GET',
        path: '/medication-history/{{patient}}',
        auth: true,
        expect: { status: 200 },
      },
      {
        name: 'fetch-prescription',
        operation: 'fetch-prescription',
        method: 'GET',
        path: '/prescriptions/{{prescription}}',
        auth: true,
        expect: { status: 200 },
      },
      {
        name: 'register-dispensation',
        operation: 'register-dispensation',
        method: 'POST',
        path: '/dispensations',
        body: { patient: '{{patient}}', product: 'paracetamol 500 mg, 20 tablets' },
        auth: true,
        expect: { status: 201 },
      },
      {
        name: 'send-message',
        operation: 'send-message',
        method: 'POST',
        path: '/messages',
        body: { to: '{{peer}}', body: 'Medication review ready for your patient.' },
        auth: true,
        expect: { status: 202, has: 'id' },
        repeat: messages,
      },
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
  steps: [
    {
      name: 'login-denied',
      operation: 'login',
      method: 'POST',
      path: '/login',
      body: { user: '{{user}}', tenant: '{{deniedTenant}}' },
      auth: false,
      expect: { status: 403 },
    },
  ],
};

/** The placeholders a text uses, in order of appearance. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
}
