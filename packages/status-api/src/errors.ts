/**
 * Every error code of @hartslag/status-api, once: thrown errors (source, configuration, tokens,
 * store) and the codes of public error bodies. docs/errors.md documents exactly these
 * (test/errors.test.ts); each error class takes the codes of its area from here.
 */
export const ERROR_CODES = [
  'HARTSLAG_ERR_SOURCE_TIMEOUT',
  'HARTSLAG_ERR_SOURCE_UNREACHABLE',
  'HARTSLAG_ERR_SOURCE_RESPONSE',
  'HARTSLAG_ERR_STATUS_CONFIG',
  'HARTSLAG_ERR_STATUS_CONFIG_UNREADABLE',
  'HARTSLAG_ERR_AUTH_TOKENS',
  'HARTSLAG_ERR_STORE_URL',
  'HARTSLAG_ERR_STORE_OPEN',
  'HARTSLAG_ERR_STORE_MIGRATION',
  'HARTSLAG_ERR_STORE_SCHEMA_NEWER',
  'HARTSLAG_ERR_HTTP_BAD_REQUEST',
  'HARTSLAG_ERR_HTTP_UNAUTHORIZED',
  'HARTSLAG_ERR_HTTP_FORBIDDEN',
  'HARTSLAG_ERR_HTTP_NOT_FOUND',
  'HARTSLAG_ERR_HTTP_UNKNOWN_COMPONENT',
  'HARTSLAG_ERR_HTTP_UNKNOWN_INCIDENT',
  'HARTSLAG_ERR_HTTP_UNKNOWN_MAINTENANCE',
  'HARTSLAG_ERR_HTTP_BODY_TOO_LARGE',
  'HARTSLAG_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE',
  'HARTSLAG_ERR_HTTP_RATE_LIMITED',
  'HARTSLAG_ERR_HTTP_IDEMPOTENCY_MISMATCH',
  'HARTSLAG_ERR_HTTP_SOURCE_UNAVAILABLE',
  'HARTSLAG_ERR_HTTP_REQUEST',
  'HARTSLAG_ERR_HTTP_INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes of one area, e.g. `codesOf('HARTSLAG_ERR_STORE_')`. */
export function codesOf<P extends string>(prefix: P): Extract<ErrorCode, `${P}${string}`>[] {
  return ERROR_CODES.filter((c): c is Extract<ErrorCode, `${P}${string}`> => c.startsWith(prefix));
}
