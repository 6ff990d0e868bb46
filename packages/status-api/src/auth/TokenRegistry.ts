import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthError } from './AuthError.js';
import { isScope, SCOPE_FORMS, type Scope } from './scopes.js';
import { SHA256_HEX } from './tokens.js';

/** A configured token: who holds it, the sha256 hex digest of the token (never the token), what it may do. */
export interface TokenEntry {
  name: string;
  sha256: string;
  scopes: readonly Scope[];
  /** Milliseconds since the epoch from which the token is refused (a partner's access that ends). */
  expiresAt?: number;
}

/** Who presented a valid token, and what it may do. */
export interface Actor {
  name: string;
  scopes: Set<Scope>;
}

interface Known {
  name: string;
  digest: Buffer;
  scopes: readonly Scope[];
  expiresAt: number;
}

// RFC 6750 §2.1: `Bearer` (any case, RFC 9110 §11.1), one or more spaces, a b64token.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The write API's tokens, kept as sha256 digests. Checking a token takes the same time whichever
 * token it is and whether it matches at all: the presented token is hashed, and its digest is
 * compared with every configured digest in constant time, without stopping at a match.
 */
export class TokenRegistry {
  private readonly known: readonly Known[];

  constructor(
    entries: readonly TokenEntry[],
    private readonly now: () => number = Date.now,
  ) {
    const problems: string[] = [];
    const names = new Set<string>();
    const digests = new Set<string>();
    for (const [i, e] of entries.entries()) {
      const digest = String(e.sha256).toLowerCase();
      if (!SHA256_HEX.test(digest)) problems.push(`tokens[${i}].sha256 must be 64 hex characters (a sha256 digest)`);
      else if (digests.has(digest)) problems.push(`tokens[${i}] has the same digest as an earlier token`);
      digests.add(digest);
      if (typeof e.name !== 'string' || e.name === '') problems.push(`tokens[${i}].name must be a non-empty string`);
      else if (names.has(e.name)) problems.push(`tokens[${i}].name "${e.name}" is used twice`);
      names.add(e.name);
      for (const s of e.scopes) if (!isScope(s)) problems.push(`tokens[${i}] has unknown scope "${s}"`);
      if (e.expiresAt !== undefined && !Number.isFinite(e.expiresAt)) {
        problems.push(`tokens[${i}].expiresAt must be milliseconds since the epoch`);
      }
    }
    if (problems.length > 0) {
      throw new AuthError(
        'HARTSLAG_ERR_AUTH_TOKENS',
        `cannot use these tokens: ${problems.join('; ')}. Give each holder its own token, list its sha256 hex ` +
          `digest (hashToken), never the token, and scopes from ${SCOPE_FORMS.join(', ')}`,
      );
    }
    this.known = entries.map((e) => ({
      name: e.name,
      digest: Buffer.from(e.sha256.toLowerCase(), 'hex'),
      scopes: [...e.scopes],
      expiresAt: e.expiresAt ?? Number.POSITIVE_INFINITY,
    }));
  }

  /** The holder of the token in an `Authorization: Bearer <token>` header, or undefined. */
  authenticate(authorizationHeader: string | undefined): Actor | undefined {
    if (authorizationHeader === undefined) return undefined;
    const token = BEARER.exec(authorizationHeader)?.[1];
    if (token === undefined) return undefined;
    return this.authenticateToken(token);
  }

  /** The holder of a token however it was presented (a partner's browser sends it as a password), or undefined. */
  authenticateToken(token: string): Actor | undefined {
    // Digests all have 32 bytes, whatever the length of the presented token.
    const presented = createHash('sha256').update(token, 'utf8').digest();
    let match: Known | undefined;
    for (const k of this.known) {
      const equal = timingSafeEqual(presented, k.digest);
      match = equal ? k : match;
    }
    // An expired token is no token: the same 401 as an unknown one (RFC 6750 invalid_token).
    if (match === undefined || this.now() >= match.expiresAt) return undefined;
    return { name: match.name, scopes: new Set(match.scopes) };
  }

  get size(): number {
    return this.known.length;
  }
}
