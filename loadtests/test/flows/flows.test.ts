import { OPERATIONS, placeholders } from '@hartslag/scenarios';
import { describe, expect, it } from 'vitest';
import { careProviderSession, DENIED_LOGIN, VARIABLES } from '../../src/flows/flows.js';

describe('the care provider session', () => {
  const flow = careProviderSession(3);

  it('logs in first and keeps the token for the calls after', () => {
    const [login, ...rest] = flow.steps;
    expect(login).toMatchObject({ operation: 'login', method: 'POST', path: '/login', auth: false });
    expect(login!.capture).toEqual({ json: '$.token', as: 'token' });
    for (const step of rest) expect(step.auth).toBe(true);
  });

  it('makes each first call of the morning once, then sends the messages asked for', () => {
    expect(flow.steps.map((s) => s.operation)).toEqual([
      'login',
      'fetch-medication-history',
      'fetch-prescription',
      'register-dispensation',
      'send-message',
    ]);
    expect(flow.steps.at(-1)!.repeat).toBe(3);
  });

  it('expects the status codes of the platform: 200, 201 for a dispensation, 202 for a queued message', () => {
    expect(Object.fromEntries(flow.steps.map((s) => [s.operation, s.expect.status]))).toEqual({
      login: 200,
      'fetch-medication-history': 200,
      'fetch-prescription': 200,
      'register-dispensation': 201,
      'send-message': 202,
    });
  });

  it('only uses variables both engines know', () => {
    for (const step of [...flow.steps, ...DENIED_LOGIN.steps]) {
      const used = [step.path, ...Object.values(step.body ?? {})].flatMap(placeholders);
      for (const name of used) expect(Object.keys(VARIABLES)).toContain(name);
    }
  });

  it('covers every operation the platform records', () => {
    expect(new Set(flow.steps.map((s) => s.operation))).toEqual(new Set(OPERATIONS));
  });
});

describe('the denied login', () => {
  it('logs in for a pharmacy without a contract and expects 403, in one session of twenty', () => {
    expect(DENIED_LOGIN.steps).toHaveLength(1);
    expect(DENIED_LOGIN.steps[0]).toMatchObject({ operation: 'login', name: 'login-denied', expect: { status: 403 } });
    expect(DENIED_LOGIN.steps[0]!.body!.tenant).toBe('{{deniedTenant}}');
    const share = DENIED_LOGIN.weight / (DENIED_LOGIN.weight + careProviderSession(1).weight);
    expect(share).toBe(1 / 20);
  });
});
