import { TENANTS as PLATFORM_TENANTS } from '@hartslag/reference-platform';
import { describe, expect, it } from 'vitest';
import { CONTRACT_TENANTS, NO_CONTRACT_TENANTS, TENANTS } from '../../src/data/tenants.js';
import { PROVIDER_COUNT, providerOfSession } from '../../src/data/users.js';

describe('the test data', () => {
  it('is the reference platform’s: the same tenants, vendors and contracts', () => {
    expect(TENANTS).toEqual(PLATFORM_TENANTS);
  });

  it('has 40 pharmacies with a contract and 2 without', () => {
    expect(CONTRACT_TENANTS).toHaveLength(40);
    expect(CONTRACT_TENANTS[0]).toBe('pharmacy-001');
    expect(NO_CONTRACT_TENANTS).toEqual(['pharmacy-nocontract-1', 'pharmacy-nocontract-2']);
  });

  it('logs every provider in once before any logs in twice, and never beyond provider-3000', () => {
    expect(providerOfSession(0, 3000)).toBe('provider-0001');
    expect(providerOfSession(2999, 3000)).toBe('provider-3000');
    expect(providerOfSession(3000, 3000)).toBe('provider-0001');
    expect(providerOfSession(200, 200)).toBe('provider-0001');
    expect(providerOfSession(4500, 6000)).toBe('provider-1501');
    expect(PROVIDER_COUNT).toBe(3000);
  });
});
