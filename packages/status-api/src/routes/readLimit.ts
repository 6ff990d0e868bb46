import type { FastifyInstance, FastifyRequest } from 'fastify';

/** More addresses than this in one window: new ones are not counted (memory stays bounded). */
const MAX_TRACKED = 200_000;

/**
 * The per-address limit on public reads: a fixed one-minute window of counters, swapped for an
 * empty one when the window ends. Reads are what every partner page view costs, so this is one
 * map lookup in a callback hook; @fastify/rate-limit (kept for the writes, with its per-route
 * limits) took a quarter of the badge route's throughput here (BENCHMARKS.md).
 */
export function readRateLimit(
  app: FastifyInstance,
  options: { max: number; windowMs: number; allow: (request: FastifyRequest) => boolean; now: () => number },
): void {
  let counts = new Map<string, number>();
  let windowStart = options.now();
  const timer = setInterval(() => {
    counts = new Map();
    windowStart = options.now();
  }, options.windowMs);
  timer.unref();
  app.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    done();
  });

  app.addHook('onRequest', (request, reply, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || options.allow(request)) return done();
    const seen = counts.get(request.ip);
    if (seen === undefined) {
      if (counts.size < MAX_TRACKED) counts.set(request.ip, 1);
      return done();
    }
    counts.set(request.ip, seen + 1);
    if (seen < options.max) return done();
    const retry = Math.max(1, Math.ceil((windowStart + options.windowMs - options.now()) / 1000));
    void reply
      .code(429)
      .header('retry-after', String(retry))
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send({
        error: `rate limit exceeded: at most ${options.max} requests a minute per address; retry in ${retry} s`,
        statusCode: 429,
      });
  });
}
