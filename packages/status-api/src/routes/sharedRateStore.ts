import type { StatusStore } from '../store/StatusStore.js';

type Reply = (err: Error | null, result?: { current: number; ttl: number }) => void;
/** What the plugin passes to `child`: the route's options, with `routeInfo` at run time. */
interface RouteParams {
  url?: unknown;
  routeInfo?: { method?: string; url?: string };
}

/**
 * A store for @fastify/rate-limit that counts in the StatusStore, so every replica behind the load
 * balancer counts the same writes: `writesPerMinute` means what it says whichever replica answers.
 * Writes are few (tens a minute), so one upsert each costs nothing; reads are limited per replica
 * in memory (ReadLimiter), see README "Replicas".
 */
export function sharedRateStore(store: StatusStore, now: () => number) {
  return class SharedRateStore {
    constructor(
      _params?: unknown,
      readonly prefix = '',
    ) {}

    incr(key: string, reply: Reply, timeWindow: number): void {
      const at = now();
      store.hit(`${this.prefix}${key}`, timeWindow, at).then(
        ({ hits, resetAt }) => reply(null, { current: hits, ttl: resetAt - at }),
        (err: Error) => reply(err),
      );
    }

    child(params: RouteParams): SharedRateStore {
      return new SharedRateStore(undefined, `${params.routeInfo?.method ?? ''} ${params.routeInfo?.url ?? ''} `);
    }
  };
}
