/** RFC 6750 §2.1: `Bearer` (any case), one or more spaces, a b64token. */
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
/** RFC 7617: `Basic` and base64 of `user:password`. */
const BASIC = /^basic +([A-Za-z0-9+/]+=*) *$/i;

/**
 * The token in an Authorization header: a bearer token, or the password of Basic credentials, so
 * a partner can open their page in a browser, which asks for it (the user name is not read).
 */
export function presentedToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const bearer = BEARER.exec(header)?.[1];
  if (bearer !== undefined) return bearer;
  const basic = BASIC.exec(header)?.[1];
  if (basic === undefined) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  return password === '' ? undefined : password;
}
