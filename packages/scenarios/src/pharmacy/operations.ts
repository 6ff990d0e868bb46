/** The operations a pharmacy's system calls, as the platform records them and the SLO spec names them. */
export const OPERATIONS = [
  'login',
  'fetch-medication-history',
  'register-dispensation',
  'fetch-prescription',
  'send-message',
] as const;

export type Operation = (typeof OPERATIONS)[number];

/** The operations called with a token, after the login. */
export type CareOperation = Exclude<Operation, 'login'>;

/**
 * One HTTP call against the reference platform, engine-neutral: the load tests' k6 and Artillery
 * scripts and the demo's traffic make the same calls from it. Paths and string body values hold
 * `{{variable}}` placeholders: `user`, `tenant`, `patient` (p-123), `prescription` (rx-123), `peer`
 * (a provider).
 */
export interface CallTemplate {
  operation: Operation;
  method: 'GET' | 'POST';
  path: string;
  body?: Readonly<Record<string, string>>;
  /** Sends `Authorization: Bearer {{token}}`. */
  auth: boolean;
  /** What a correct answer looks like: its status, and a field its JSON must have. */
  expect: { status: number; has?: string };
}

export const LOGIN_CALL: CallTemplate = {
  operation: 'login',
  method: 'POST',
  path: '/login',
  body: { user: '{{user}}', tenant: '{{tenant}}' },
  auth: false,
  expect: { status: 200, has: 'token' },
};

/** A pharmacy without a contract logs in: refused (403, outcome `denied`), never a platform failure. */
export const DENIED_LOGIN_CALL: CallTemplate = {
  ...LOGIN_CALL,
  body: { user: '{{user}}', tenant: '{{deniedTenant}}' },
  expect: { status: 403 },
};

export const CARE_CALLS: Readonly<Record<CareOperation, CallTemplate>> = {
  'fetch-medication-history': {
    operation: 'fetch-medication-history',
    method: 'GET',
    path: '/medication-history/{{patient}}',
    auth: true,
    expect: { status: 200 },
  },
  'fetch-prescription': {
    operation: 'fetch-prescription',
    method: 'GET',
    path: '/prescriptions/{{prescription}}',
    auth: true,
    expect: { status: 200 },
  },
  'register-dispensation': {
    operation: 'register-dispensation',
    method: 'POST',
    path: '/dispensations',
    body: { patient: '{{patient}}', product: 'paracetamol 500 mg, 20 tablets' },
    auth: true,
    expect: { status: 201 },
  },
  'send-message': {
    operation: 'send-message',
    method: 'POST',
    path: '/messages',
    body: { to: '{{peer}}', body: 'Medication review ready for your patient.' },
    auth: true,
    expect: { status: 202, has: 'id' },
  },
};

/** The placeholders a text uses, in order of appearance. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
}

/** `text` with each `{{name}}` replaced by `values[name]`; an unknown name is left as it is. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
