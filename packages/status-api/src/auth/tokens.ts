import { createHash, randomBytes } from 'node:crypto';

/** sha256 hex digests: what the configuration holds instead of tokens. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The sha256 hex digest of a token, as the configuration lists it. A fast hash is enough here:
 * tokens are 256 random bits, not passwords, so there is nothing to guess from the digest.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new token: 32 random bytes, base64url (43 characters), safe in a header and a shell. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}
