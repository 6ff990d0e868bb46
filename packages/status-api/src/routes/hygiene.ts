import type { FastifyInstance } from 'fastify';

/**
 * What every public response carries: no sniffing, no framing of JSON, no referrer leaks, CORS
 * for reads (partner sites fetch the status from the browser); and errors that never show a
 * stack trace, a path or a host name.
 */
export function securityHeaders(app: FastifyInstance): void {
  // Callback style, not async: this runs on every badge view, and a promise per request shows.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (request.method === 'GET' || request.method === 'HEAD') reply.header('access-control-allow-origin', '*');
    done(null, payload);
  });
  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const code = error.statusCode;
    const status = code !== undefined && code >= 400 && code < 500 ? code : 500;
    // 4xx messages are about the request (schema errors name the field); 5xx say nothing inside.
    const message = status < 500 ? (error.message ?? 'bad request') : 'internal error';
    void reply.code(status).type('application/json; charset=utf-8').send({ error: message, statusCode: status });
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).type('application/json; charset=utf-8').send({ error: 'not found', statusCode: 404 });
  });
}
