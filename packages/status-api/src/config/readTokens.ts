import { didYouMean } from '@hartslag/common';
import { isScope, SCOPE_FORMS, SCOPES, type Scope } from '../auth/scopes.js';
import { SHA256_HEX } from '../auth/tokens.js';
import type { TokenConfig } from './StatusConfig.js';
import { join, type YamlReader, type YamlValue } from './YamlReader.js';

/** Token names land in the audit log as the actor: short, printable, no spaces. */
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** What generateToken() produces: a token pasted where its digest belongs. */
const LOOKS_LIKE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** RFC 3339 with an explicit offset: an expiry must not depend on the server's time zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function readTokens(r: YamlReader, value: YamlValue): TokenConfig[] | undefined {
  const items = r.list(value, 'tokens');
  if (items === undefined) return undefined;
  const names = new Map<string, number>();
  const digests = new Map<string, number>();
  const tokens: TokenConfig[] = [];
  for (const [i, item] of items.entries()) {
    const path = join('tokens', i);
    const f = r.mapping(item, path, ['name', 'sha256', 'scopes', 'expires'], ['name', 'sha256', 'scopes']);
    if (f === undefined) continue;

    let name = f.has('name') ? r.string(f.get('name'), join(path, 'name')) : undefined;
    if (name !== undefined && !TOKEN_NAME.test(name)) {
      r.report(
        join(path, 'name'),
        f.get('name'),
        'must be 1–64 letters, digits and ._@- (it names the actor in the audit log)',
      );
      name = undefined;
    } else if (name !== undefined && names.has(name)) {
      r.report(join(path, 'name'), f.get('name'), `"${name}" is already the name of tokens[${names.get(name)}]`);
      name = undefined;
    } else if (name !== undefined) names.set(name, i);

    let sha256 = f.has('sha256') ? r.string(f.get('sha256'), join(path, 'sha256')) : undefined;
    if (sha256 !== undefined) {
      const digest = sha256.toLowerCase();
      if (!SHA256_HEX.test(digest)) {
        const pasted = LOOKS_LIKE_TOKEN.test(sha256)
          ? ' (this looks like the token itself: never put a token here)'
          : '';
        r.report(
          join(path, 'sha256'),
          f.get('sha256'),
          `must be the sha256 hex digest of the token, 64 characters 0-9a-f${pasted}; compute it with ` +
            '`printf %s "$TOKEN" | sha256sum`',
        );
        sha256 = undefined;
      } else if (digests.has(digest)) {
        r.report(
          join(path, 'sha256'),
          f.get('sha256'),
          `is the digest of tokens[${digests.get(digest)}] too; give every holder a token of its own`,
        );
        sha256 = undefined;
      } else {
        digests.set(digest, i);
        sha256 = digest;
      }
    }

    const scopes = f.has('scopes') ? readScopes(r, f.get('scopes'), join(path, 'scopes')) : undefined;
    let expiresAt: number | undefined;
    if (r.has(f, 'expires')) {
      const text = r.string(f.get('expires'), join(path, 'expires'));
      expiresAt = text !== undefined && INSTANT.test(text) ? Date.parse(text) : Number.NaN;
      if (text !== undefined && !Number.isFinite(expiresAt)) {
        r.report(
          join(path, 'expires'),
          f.get('expires'),
          'must be an instant with its offset, e.g. 2027-01-01T00:00:00Z',
        );
      }
      if (!Number.isFinite(expiresAt)) continue;
    }
    if (name === undefined || sha256 === undefined || scopes === undefined) continue;
    tokens.push({ name, sha256, scopes, ...(expiresAt === undefined ? {} : { expiresAt }) });
  }
  return tokens;
}

function readScopes(r: YamlReader, value: YamlValue, path: string): Scope[] | undefined {
  const items = r.list(value, path);
  if (items === undefined) return undefined;
  if (items.length === 0) {
    r.report(path, value, `must list at least one of ${SCOPE_FORMS.join(', ')}`);
    return undefined;
  }
  const scopes: Scope[] = [];
  let ok = true;
  for (const [i, item] of items.entries()) {
    const raw = r.string(item, join(path, i));
    if (raw === undefined) ok = false;
    else if (!isScope(raw)) {
      r.report(join(path, i), item, `is not a scope: use ${SCOPE_FORMS.join(', ')}${didYouMean(raw, SCOPES)}`);
      ok = false;
    } else if (!scopes.includes(raw)) scopes.push(raw);
  }
  return ok ? scopes : undefined;
}
