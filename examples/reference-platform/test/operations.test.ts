import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReferencePlatform } from '../src/index.js';
import { bearer, login, removeDir, sample, scrape, startPlatform } from './helpers.js';

const calls = [
  { operation: 'fetch-medication-history', method: 'GET', url: '/medication-history/p-123', status: 200 },
  {
    operation: 'register-dispensation',
    method: 'POST',
    url: '/dispensations',
    payload: { patient: 'p-123', product: 'metformine 500 mg' },
    status: 201,
  },
  { operation: 'fetch-prescription', method: 'GET', url: '/prescriptions/rx-77', status: 200 },
  {
    operation: 'send-message',
    method: 'POST',
    url: '/messages',
    payload: { to: 'provider-0007', body: 'refill ready' },
    status: 202,
  },
] as const;

let platform: ReferencePlatform & { dataDir: string };
beforeEach(async () => {
  platform = await startPlatform();
});
afterEach(async () => {
  await platform.close();
  removeDir(platform.dataDir);
});

describe('login', () => {
  it('issues a token to a care provider of a tenant with a contract', async () => {
    const token = await login(platform.app);
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('denies a tenant without a contract with 403, recorded as denied for that tenant and its vendor', async () => {
    const res = await platform.app.inject({
      method: 'POST',
      url: '/login',
      payload: { user: 'provider-0042', tenant: 'pharmacy-nocontract-1' },
    });
    expect(res.statusCode).toBe(403);
    const text = await scrape(platform.app);
    expect(
      sample(
        text,
        'care_calls_total{service="reference-platform",operation="login",outcome="denied",code="no_contract"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'care_tenant_calls_total{service="reference-platform",tenant="pharmacy-nocontract-1",vendor="vendor-d",outcome="denied"}',
      ),
    ).toBe(1);
  });

  it('refuses a user who is not a care provider with 401', async () => {
    const res = await platform.app.inject({
      method: 'POST',
      url: '/login',
      payload: { user: 'someone', tenant: 'pharmacy-007' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('answers a body without a tenant with 400', async () => {
    const res = await platform.app.inject({ method: 'POST', url: '/login', payload: { user: 'provider-0001' } });
    expect(res.statusCode).toBe(400);
  });
});

describe.each(calls)('$operation', (call) => {
  it(`answers ${call.status} with a token`, async () => {
    const token = await login(platform.app);
    const res = await platform.app.inject({
      method: call.method,
      url: call.url,
      headers: bearer(token),
      payload: 'payload' in call ? call.payload : undefined,
    });
    expect(res.statusCode).toBe(call.status);
  });

  it('answers 401 without a token, and with a forged one', async () => {
    const payload = 'payload' in call ? call.payload : undefined;
    const none = await platform.app.inject({ method: call.method, url: call.url, payload });
    expect(none.statusCode).toBe(401);
    const token = await login(platform.app);
    const forged = await platform.app.inject({
      method: call.method,
      url: call.url,
      headers: bearer(`${token.split('.')[0]}.AAAA`),
      payload,
    });
    expect(forged.statusCode).toBe(401);
  });

  it('answers 403 for a tenant whose contract ended, recorded as denied', async () => {
    const token = platform.issueToken('provider-0042', 'pharmacy-nocontract-2');
    const res = await platform.app.inject({
      method: call.method,
      url: call.url,
      headers: bearer(token),
      payload: 'payload' in call ? call.payload : undefined,
    });
    expect(res.statusCode).toBe(403);
    expect(
      sample(
        await scrape(platform.app),
        `care_calls_total{service="reference-platform",operation="${call.operation}",outcome="denied",code="no_contract"}`,
      ),
    ).toBe(1);
  });

  it('is recorded under its operation with the tenant and vendor of the token, and no patient id anywhere', async () => {
    const token = await login(platform.app, 'pharmacy-012');
    await platform.app.inject({
      method: call.method,
      url: call.url,
      headers: bearer(token),
      payload: 'payload' in call ? call.payload : undefined,
    });
    const text = await scrape(platform.app);
    expect(
      sample(
        text,
        `care_calls_total{service="reference-platform",operation="${call.operation}",outcome="success",code="${call.status}"}`,
      ),
    ).toBe(1);
    // login and this call
    expect(
      sample(
        text,
        'care_tenant_calls_total{service="reference-platform",tenant="pharmacy-012",vendor="vendor-b",outcome="success"}',
      ),
    ).toBe(2);
    expect(text).not.toContain('p-123');
    expect(text).not.toContain('rx-77');
  });
});

describe('a restart', () => {
  it('invalidates every token, so clients log in again', async () => {
    const token = await login(platform.app);
    const again = await startPlatform({ dataDir: `${platform.dataDir}/other` });
    try {
      const res = await again.app.inject({ method: 'GET', url: '/prescriptions/rx-1', headers: bearer(token) });
      expect(res.statusCode).toBe(401);
    } finally {
      await again.close();
    }
  });
});
