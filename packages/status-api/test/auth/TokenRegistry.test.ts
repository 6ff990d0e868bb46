import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AUTH_ERROR_CODES, AuthError } from '../../src/auth/AuthError.js';
import { TokenRegistry } from '../../src/auth/TokenRegistry.js';
import { generateToken, hashToken } from '../../src/auth/tokens.js';

const OPS = generateToken();
const PARTNER = generateToken();

function registry(): TokenRegistry {
  return new TokenRegistry([
    { name: 'ops-team', sha256: hashToken(OPS), scopes: ['incidents:write', 'maintenance:write', 'audit:read'] },
    { name: 'partner-portal', sha256: hashToken(PARTNER), scopes: ['maintenance:write'] },
  ]);
}

describe('hashToken and generateToken', () => {
  it('hashes a token to its sha256 hex digest', () => {
    // FIPS 180-2 test vector for "test".
    expect(hashToken('test')).toBe('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
  });

  it('generates 32 random bytes as base64url, a new one each time', () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(generateToken()).not.toBe(token);
  });
});

describe('TokenRegistry', () => {
  it('knows the holder and scopes of a valid token', () => {
    expect(registry().authenticate(`Bearer ${OPS}`)).toEqual({
      name: 'ops-team',
      scopes: new Set(['incidents:write', 'maintenance:write', 'audit:read']),
    });
    expect(registry().authenticate(`Bearer ${PARTNER}`)?.name).toBe('partner-portal');
  });

  it('takes the scheme in any case and spaces around the token', () => {
    expect(registry().authenticate(`bearer ${OPS}`)?.name).toBe('ops-team');
    expect(registry().authenticate(`BEARER   ${OPS} `)?.name).toBe('ops-team');
  });

  it('rejects a wrong token', () => {
    expect(registry().authenticate(`Bearer ${generateToken()}`)).toBeUndefined();
    expect(registry().authenticate(`Bearer ${OPS.slice(0, -1)}`)).toBeUndefined();
  });

  it("rejects a configured digest presented as the token: the file's hashes are not credentials", () => {
    expect(registry().authenticate(`Bearer ${hashToken(OPS)}`)).toBeUndefined();
    expect(registry().authenticate(`Bearer ${hashToken(PARTNER)}`)).toBeUndefined();
  });

  it('rejects a missing header, another scheme, and a scheme without a token', () => {
    const r = registry();
    expect(r.authenticate(undefined)).toBeUndefined();
    expect(r.authenticate('')).toBeUndefined();
    expect(r.authenticate(`Basic ${Buffer.from(`ops:${OPS}`).toString('base64')}`)).toBeUndefined();
    expect(r.authenticate(`Token ${OPS}`)).toBeUndefined();
    expect(r.authenticate(OPS)).toBeUndefined();
    expect(r.authenticate('Bearer')).toBeUndefined();
    expect(r.authenticate('Bearer ')).toBeUndefined();
    expect(r.authenticate(`Bearer ${OPS} extra`)).toBeUndefined();
  });

  it('matches tokens of any length, and presented tokens of any length, without throwing', () => {
    const short = 'x';
    const long = 'y'.repeat(2000);
    const r = new TokenRegistry([
      { name: 'short', sha256: hashToken(short), scopes: ['audit:read'] },
      { name: 'long', sha256: hashToken(long), scopes: ['audit:read'] },
      { name: 'usual', sha256: hashToken(OPS), scopes: ['audit:read'] },
    ]);
    expect(r.authenticate(`Bearer ${short}`)?.name).toBe('short');
    expect(r.authenticate(`Bearer ${long}`)?.name).toBe('long');
    expect(r.authenticate(`Bearer ${OPS}`)?.name).toBe('usual');
    for (const length of [2, 42, 44, 64, 1999, 5000]) {
      expect(r.authenticate(`Bearer ${'z'.repeat(length)}`)).toBeUndefined();
    }
  });

  it('takes digests in upper case too', () => {
    const r = new TokenRegistry([{ name: 'ops', sha256: hashToken(OPS).toUpperCase(), scopes: ['audit:read'] }]);
    expect(r.authenticate(`Bearer ${OPS}`)?.name).toBe('ops');
  });

  it('hands out a fresh scope set each time, so a caller cannot widen a token', () => {
    const r = registry();
    r.authenticate(`Bearer ${PARTNER}`)!.scopes.add('incidents:write');
    expect(r.authenticate(`Bearer ${PARTNER}`)!.scopes.has('incidents:write')).toBe(false);
  });

  it('refuses a token itself where its digest belongs, digests or names used twice, and unknown scopes', () => {
    const digest = createHash('sha256').update(OPS).digest('hex');
    const attempt = () =>
      new TokenRegistry([
        { name: 'ops', sha256: OPS, scopes: ['audit:read'] },
        { name: 'a', sha256: digest, scopes: ['audit:read'] },
        { name: 'a', sha256: digest, scopes: ['audit:write' as 'audit:read'] },
      ]);
    expect(attempt).toThrow(AuthError);
    expect(attempt).toThrow(
      'cannot use these tokens: tokens[0].sha256 must be 64 hex characters (a sha256 digest); tokens[2] has the same ' +
        'digest as an earlier token; tokens[2].name "a" is used twice; tokens[2] has unknown scope "audit:write". ' +
        'Give each holder its own token, list its sha256 hex digest (hashToken), never the token, and scopes from ' +
        'incidents:write, maintenance:write, audit:read',
    );
    try {
      attempt();
    } catch (err) {
      expect((err as AuthError).code).toBe('HARTSLAG_ERR_AUTH_TOKENS');
    }
    expect(AUTH_ERROR_CODES).toEqual(['HARTSLAG_ERR_AUTH_TOKENS']);
  });

  it('lets nobody in when no tokens are configured', () => {
    const r = new TokenRegistry([]);
    expect(r.size).toBe(0);
    expect(r.authenticate(`Bearer ${OPS}`)).toBeUndefined();
  });
});
