import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * The client's address as fastify's `request.ip` gives it under the same `trustProxy` setting, for
 * code that answers before fastify builds a request (the badge's fast path): both must count a
 * client under one key for the read limit. Mirrors fastify 5's lib/request.js with the module it
 * uses; the rate-limit tests check the two agree across both paths.
 */
export function clientAddress(trustProxy: boolean | string | string[]): (req: IncomingMessage) => string | undefined {
  if (trustProxy === false) return (req) => req.socket.remoteAddress;
  const trust =
    trustProxy === true
      ? () => true
      : proxyAddr.compile(typeof trustProxy === 'string' ? trustProxy.split(',').map((s) => s.trim()) : trustProxy);
  return (req) => {
    const addresses = proxyAddr.all(req, trust);
    return addresses[addresses.length - 1];
  };
}
