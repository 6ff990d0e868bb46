import type { StatusStore } from '../store/StatusStore.js';
import { UPTIME_WINDOW_NAMES, UPTIME_WINDOWS, type Uptime, uptimeOf } from './uptime.js';

/** History changes by the minute: a minute's cache keeps a busy page from querying per view. */
const CACHE_MS = 60_000;

/** Uptime per window for a component, from the store's state minutes, cached for a minute. */
export class UptimeReader {
  private readonly cache = new Map<string, { at: number; value: Promise<Uptime[]> }>();

  constructor(
    private readonly store: Pick<StatusStore, 'stateMinutes'>,
    private readonly now: () => number,
  ) {}

  get(component: string): Promise<Uptime[]> {
    const t = this.now();
    const hit = this.cache.get(component);
    if (hit !== undefined && t - hit.at < CACHE_MS) return hit.value;
    // Whole minutes only: the minute going on is not history yet.
    const to = Math.floor(t / 60_000) * 60_000;
    const value = Promise.all(
      UPTIME_WINDOW_NAMES.map(async (w) =>
        uptimeOf(w, await this.store.stateMinutes(component, to - UPTIME_WINDOWS[w], to)),
      ),
    );
    value.catch(() => this.cache.delete(component));
    this.cache.set(component, { at: t, value });
    return value;
  }
}
