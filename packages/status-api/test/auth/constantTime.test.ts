import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { TokenRegistry } from '../../src/auth/TokenRegistry.js';
import { hashToken } from '../../src/auth/tokens.js';

// The real comparison, counted: the number of comparisons must not depend on which token matches.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

describe('TokenRegistry timing', () => {
  it('compares with every configured digest, whether the first, the last or none matches', () => {
    const tokens = ['first-token', 'middle-token', 'last-token'];
    const r = new TokenRegistry(
      tokens.map((t, i) => ({ name: `t${i}`, sha256: hashToken(t), scopes: ['audit:read'] })),
    );
    const compare = vi.mocked(crypto.timingSafeEqual);
    for (const [presented, holder] of [
      ['first-token', 't0'],
      ['last-token', 't2'],
      ['no-such-token', undefined],
    ] as const) {
      compare.mockClear();
      expect(r.authenticate(`Bearer ${presented}`)?.name).toBe(holder);
      expect(compare).toHaveBeenCalledTimes(3);
      for (const [a, b] of compare.mock.calls) expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
    }
  });
});
