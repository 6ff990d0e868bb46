import type { FastifyReply } from 'fastify';
import { codesOf } from '../errors.js';

/**
 * The codes a public error body carries, one per kind of refusal. Clients branch on the code, not
 * on the message (which names the field and may be reworded).
 */
export const HTTP_ERROR_CODES = codesOf('HARTSLAG_ERR_HTTP_');
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** Every error response of the service: the message names the field, never anything internal. */
export interface ErrorBody {
  error: string;
  code: HttpErrorCode;
  statusCode: number;
}

/** The JSON schema of {@link ErrorBody}, for the OpenAPI description of each route. */
export const errorResponse = {
  type: 'object',
  required: ['error', 'code', 'statusCode'],
  properties: {
    error: { type: 'string' },
    code: { type: 'string', enum: [...HTTP_ERROR_CODES] },
    statusCode: { type: 'integer' },
  },
} as const;

export function errorBody(statusCode: number, code: HttpErrorCode, message: string): ErrorBody {
  return { error: message, code, statusCode };
}

/**
 * Sends the one error shape every route uses. Headers the caller set before (Retry-After,
 * WWW-Authenticate, Cache-Control) are kept.
 */
export function replyError(
  reply: FastifyReply,
  statusCode: number,
  code: HttpErrorCode,
  message: string,
): FastifyReply {
  return reply
    .code(statusCode)
    .type('application/json; charset=utf-8')
    .send(errorBody(statusCode, code, message));
}

/** The code for a refusal fastify or a plugin raised itself (schema, body limit, write rate limit). */
export function codeOfStatus(statusCode: number): HttpErrorCode {
  switch (statusCode) {
    case 400:
      return 'HARTSLAG_ERR_HTTP_BAD_REQUEST';
    case 401:
      return 'HARTSLAG_ERR_HTTP_UNAUTHORIZED';
    case 403:
      return 'HARTSLAG_ERR_HTTP_FORBIDDEN';
    case 404:
      return 'HARTSLAG_ERR_HTTP_NOT_FOUND';
    case 413:
      return 'HARTSLAG_ERR_HTTP_BODY_TOO_LARGE';
    case 415:
      return 'HARTSLAG_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'HARTSLAG_ERR_HTTP_RATE_LIMITED';
    default:
      return statusCode >= 500 ? 'HARTSLAG_ERR_HTTP_INTERNAL' : 'HARTSLAG_ERR_HTTP_REQUEST';
  }
}
