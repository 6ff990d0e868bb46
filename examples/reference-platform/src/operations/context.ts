import type { CareMetrics } from '@hartslag/metrics';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Session, TokenSigner } from '../auth/TokenSigner.js';
import type { Faults } from '../faults/Faults.js';
import type { MessageQueue } from '../queue/MessageQueue.js';
import type { LatencyModel } from './LatencyModel.js';
import type { Operation } from './names.js';

/** What the routes share. */
export interface PlatformContext {
  metrics: CareMetrics;
  tokens: TokenSigner;
  faults: Faults;
  latency: LatencyModel;
  queue: MessageQueue;
  /** The caller's session from its bearer token, verified once per request. */
  sessionOf(request: FastifyRequest): Session | undefined;
  /** Writes one access-log line (with its newline), when the platform keeps an access log. */
  accessLog?: (line: string) => void;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function problem(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).send({ error, message });
}

/**
 * The part of a call that is not its answer: the injected faults, then the simulated service
 * time. Runs as the route's preHandler, after authentication.
 */
export function simulate(ctx: PlatformContext, operation: Operation): preHandlerAsyncHookHandler {
  return async (_request, reply) => {
    const verdict = await ctx.faults.before(operation, (listener) => reply.raw.once('close', listener));
    if (verdict === 'fail') {
      return problem(reply, 503, 'unavailable', 'the platform could not serve this call; retry with backoff');
    }
    const ms = ctx.latency.sampleMs(operation);
    if (ms > 0) await sleep(ms);
  };
}

/** A small stable hash, so a patient's simulated records are the same on every call. */
export function hash(value: string): number {
  let h = 2166136261;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
  return h >>> 0;
}

export const PRODUCTS = [
  'metformine 500 mg',
  'atorvastatine 20 mg',
  'omeprazol 20 mg',
  'amlodipine 5 mg',
  'salbutamol 100 µg/dosis',
  'levothyroxine 50 µg',
  'paracetamol 500 mg',
  'lisinopril 10 mg',
] as const;
