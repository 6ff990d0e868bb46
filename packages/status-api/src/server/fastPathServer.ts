import { createServer, type Server, type ServerOptions } from 'node:http';
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
    return server;
  };
}
