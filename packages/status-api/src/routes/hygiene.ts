import type { FastifyInstance } from 'fastify';
import { codeOfStatus, replyError } from '../http/errorReply.js';

/**
 * Flattened names and values: the badge's raw fast path writes these itself (routes/badge.ts), so
 * both paths send the same hygiene.
 */
export const PUBLIC_READ_HEADERS = [
  'x-content-type-options',
  'nosniff',
  'referrer-policy',
  'no-referrer',
  'access-control-allow-origin',
  '*',
] as const;

/**
 * What every public response carries: no sniffing, no framing of JSON, no referrer leaks, CORS
 * for reads (partner sites fetch the status from the browser); and errors that never show a
 * stack trace, a path or a host name.
 */
export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header(PUBLIC_READ_HEADERS[0], PUBLIC_READ_HEADERS[1]);
    reply.header(PUBLIC_READ_HEADERS[2], PUBLIC_READ_HEADERS[3]);
    if (request.method === 'GET' || request.method === 'HEAD')
      reply.header(PUBLIC_READ_HEADERS[4], PUBLIC_READ_HEADERS[5]);
    done(null, payload);
  });
  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const code = error.statusCode;
    const status = code !== undefined && code >= 400 && code < 500 ? code : 500;
    // 4xx messages are about the request (schema errors name the field); 5xx say nothing inside.
    const message = status < 500 ? (error.message ?? 'bad request') : 'internal error';
    void replyError(reply, status, codeOfStatus(status), message);
  });
  app.setNotFoundHandler((_request, reply) => {
    void replyError(reply, 404, 'HARTSLAG_ERR_HTTP_NOT_FOUND', 'not found');
  });
}
