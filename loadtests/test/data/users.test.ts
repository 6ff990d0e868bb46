import { PROVIDER_COUNT } from '@hartslag/scenarios';
import { describe, expect, it } from 'vitest';
import { providerOfSession } from '../../src/data/users.js';

describe('the sessions’ care providers', () => {
  it('logs every provider in once before any logs in twice, and never beyond provider-3000', () => {
    expect(providerOfSession(0, 3000)).toBe('provider-0001');
    expect(providerOfSession(2999, 3000)).toBe('provider-3000');
    expect(providerOfSession(3000, 3000)).toBe('provider-0001');
    expect(providerOfSession(200, 200)).toBe('provider-0001');
    expect(providerOfSession(4500, 6000)).toBe('provider-1501');
    expect(PROVIDER_COUNT).toBe(3000);
  });
});
