import { createServer, type Server, type ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyServerFactory } from 'fastify';
import type { BadgeFastPath } from '../routes/badgeFastPath.js';

/** The server options fastify hands a serverFactory, its defaults filled in. */
interface ServerSettings {
  http?: ServerOptions;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
}

/** The server fastify would make, with the badge's fast path in front of fastify's handler. */
export function fastPathServer(fastPath: BadgeFastPath): FastifyServerFactory {
  return (handler, resolved): Server => {
    const settings = resolved as unknown as ServerSettings;
    const server = createServer(settings.http ?? {}, (req, res) => {
      if (!fastPath.serve(req, res)) handler(req, res);
    });
    // What fastify sets on a server it makes itself (lib/server.js).
    server.keepAliveTimeout = settings.keepAliveTimeout;
    server.requestTimeout = settings.requestTimeout;
    server.setTimeout(settings.connectionTimeout);
    if (settings.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
    dropUnusedSocketsOnClose(server);
    return server;
  };
}

/**
 * Browsers open sockets ahead of need (Chromium's preconnect) and may never send a request on them.
 * Node counts such a socket neither as idle nor as busy: `close()` and `closeIdleConnections()` leave
 * it open, and with fastify's connection timeout of 0 a rolling restart waited on a partner's open
 * browser tab. At close they are ended here; a socket with a request in flight finishes it first.
 */
function dropUnusedSocketsOnClose(server: Server): void {
  const unused = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  server.on('request', (req) => unused.delete(req.socket));
  const close = server.close.bind(server);
  server.close = (callback?: (err?: Error) => void) => {
    for (const socket of unused) socket.destroy();
    unused.clear();
    return close(callback);
  };
}
