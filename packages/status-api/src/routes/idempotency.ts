import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { replyError } from '../http/errorReply.js';
import type { StatusStore } from '../store/StatusStore.js';

/** The request header of a retryable write (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY = 'idempotency-key';
/** Set on an answer that repeats a first write instead of writing again. */
export const IDEMPOTENT_REPLAYED = 'idempotent-replayed';

// Visible ASCII, as a UUID or any client's random string is; long enough for a hash.
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The OpenAPI description of the header, for every write route. */
export const idempotencyHeader = {
  type: 'object',
  properties: {
    [IDEMPOTENCY_KEY]: {
      type: 'string',
      pattern: '^[\\x21-\\x7e]{1,255}$',
      description:
        'Optional. Retrying a write with the same key (within 24 h) answers with the first result ' +
        'instead of writing again; the same key with another request is refused with 422.',
    },
  },
} as const;

/**
 * Runs a write once per Idempotency-Key of its token holder: the first result is replayed (loaded
 * by id as it is now, header `Idempotent-Replayed: true`), a different request under a used key
 * is refused with 422. Without the header the write just runs. Resolves to undefined when the
 * reply was sent (422).
 */
export async function writeOnce<T extends { id: number }>(
  request: FastifyRequest,
  reply: FastifyReply,
  store: StatusStore,
  actor: string,
  now: number,
  write: (store: StatusStore) => Promise<T | undefined>,
  load: (id: number) => Promise<T | undefined>,
): Promise<{ value: T | undefined } | undefined> {
  const key = request.headers[IDEMPOTENCY_KEY];
  if (typeof key !== 'string' || !KEY.test(key)) return { value: await write(store) };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([request.method, request.url, request.body ?? null]))
    .digest('hex');
  const done = await store.once({ actor, key, fingerprint }, now, write);
  switch (done.outcome) {
    case 'written':
      return { value: done.value };
    case 'replayed':
      reply.header(IDEMPOTENT_REPLAYED, 'true');
      return { value: await load(done.id) };
    case 'mismatch':
      replyError(
        reply,
        422,
        'HARTSLAG_ERR_HTTP_IDEMPOTENCY_MISMATCH',
        'this Idempotency-Key was used in the last 24 hours for a different request; use a new key for a new write',
      );
      return undefined;
  }
}
