import type { FastifyInstance, FastifyRequest } from 'fastify';
import { replyError } from '../http/errorReply.js';

/** More addresses than this in one window: new ones are not counted (memory stays bounded). */
const MAX_TRACKED = 200_000;

/**
 * The per-address limit on public reads: a fixed one-minute window of counters, swapped for an
 * empty one when the window ends. Reads are what every partner page view costs, so this is one
 * map lookup; @fastify/rate-limit (kept for the writes, with its per-route limits) took a quarter
 * of the badge route's throughput here (BENCHMARKS.md). Shared by the onRequest hook and the
 * badge's fast path (routes/badgeFastPath.ts), so a client has one budget whichever path answers.
 */
export class ReadLimiter {
  private counts = new Map<string, number>();
  private windowStart: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {
    this.windowStart = now();
    this.timer = setInterval(() => {
      this.counts = new Map();
      this.windowStart = this.now();
    }, windowMs);
    this.timer.unref();
  }

  /**
   * Counts one read of `address` when it is within the limit and says so; a read over the limit
   * is not counted, so asking twice for one request (fast path, then the hook) costs nothing.
   */
  take(address: string | undefined): boolean {
    const key = address ?? '';
    const seen = this.counts.get(key);
    if (seen === undefined) {
      if (this.counts.size < MAX_TRACKED) this.counts.set(key, 1);
      return true;
    }
    if (seen >= this.max) return false;
    this.counts.set(key, seen + 1);
    return true;
  }

  /** Whole seconds until the window ends, at least 1. */
  retryAfter(): number {
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - this.now()) / 1000));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Answers reads over the limiter's budget with 429 and Retry-After. */
export function readRateLimit(
  app: FastifyInstance,
  limiter: ReadLimiter,
  allow: (request: FastifyRequest) => boolean,
): void {
  app.addHook('onClose', (_instance, done) => {
    limiter.stop();
    done();
  });

  app.addHook('onRequest', (request, reply, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || allow(request)) return done();
    if (limiter.take(request.ip)) return done();
    const retry = limiter.retryAfter();
    reply.header('retry-after', String(retry)).header('cache-control', 'no-store');
    void replyError(
      reply,
      429,
      'HARTSLAG_ERR_HTTP_RATE_LIMITED',
      `rate limit exceeded: at most ${limiter.max} requests a minute per address; retry in ${retry} s`,
    );
  });
}
