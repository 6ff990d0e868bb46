import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Who called: a care provider working for a tenant. */
export interface Session {
  user: string;
  tenant: string;
}

const DEFAULT_TTL_MS = 8 * 3600_000;

/**
 * Bearer tokens signed with a key drawn at start-up. Nothing is stored per token, and a restart
 * draws a new key, so every token dies with the process and all clients log in again at once:
 * the thundering herd the restart-storm scenario is about.
 */
export class TokenSigner {
  private readonly key = randomBytes(32);

  constructor(
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  issue(user: string, tenant: string): string {
    const payload = Buffer.from(JSON.stringify({ u: user, t: tenant, e: this.now() + this.ttlMs })).toString(
      'base64url',
    );
    return `${payload}.${this.sign(payload)}`;
  }

  /** The session of a token, or undefined when it is forged, expired or from an earlier process. */
  verify(token: string): Session | undefined {
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const { u, t, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        u: string;
        t: string;
        e: number;
      };
      return e > this.now() ? { user: u, tenant: t } : undefined;
    } catch {
      return undefined;
    }
  }

  /** The session of an `Authorization: Bearer <token>` header. */
  fromAuthorization(header: string | undefined): Session | undefined {
    if (header === undefined || !header.startsWith('Bearer ')) return undefined;
    return this.verify(header.slice(7).trim());
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
