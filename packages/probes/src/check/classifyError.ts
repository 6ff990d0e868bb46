import type { ProbeFailureCode } from '@hartslag/metrics/contract';

// Node's socket and TLS error codes (https://nodejs.org/api/errors.html#common-system-errors,
// OpenSSL's X509 verify codes as Node spells them), grouped into the probe failure codes.
const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const TIMEOUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const PROTOCOL = new Set(['HPE_INVALID_CONSTANT', 'HPE_INVALID_VERSION', 'HPE_INVALID_STATUS', 'ERR_HTTP2_ERROR']);

/** The probe failure code of an error a socket, TLS or HTTP client threw. */
export function classifyError(err: unknown): ProbeFailureCode {
  const code = errorCode(err);
  if (code === undefined) return 'error';
  if (REFUSED.has(code)) return 'refused';
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (TIMEOUT.has(code)) return 'timeout';
  if (PROTOCOL.has(code) || code.startsWith('HPE_') || code.startsWith('ERR_HTTP2_')) return 'protocol';
  if (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code.includes('SELF_SIGNED') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'EPROTO'
  ) {
    return 'tls';
  }
  return 'error';
}

/**
 * The innermost code of an error and its causes (`ECONNREFUSED` under an HTTP/2 stream's
 * `ERR_HTTP2_STREAM_CANCEL`): the socket's reason, not the wrapper's; undefined when there is none.
 */
export function errorCode(err: unknown): string | undefined {
  let found: string | undefined;
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') found = code;
    e = (e as { cause?: unknown }).cause;
  }
  return found;
}

/** A short reason for a detail line: the code and the first line of the message. */
export function reasonOf(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  return code === undefined || message.includes(code) ? message : `${code}: ${message}`;
}
