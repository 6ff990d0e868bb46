import { SLO_GROUP_RANK_WINDOW } from '../../contract/groups.js';
import { RANK_SLOT } from '../GroupRanking.js';
import type { SloSavedState } from './SloHistoryStore.js';

/** Retention of the minute buckets unless told otherwise: a year and a month, for last year's same month. */
export const DEFAULT_RETENTION_DAYS = 400;

/** The saved state is read back as unknown data: a damaged row is refused, not half-used. */
export function parseState(x: unknown): SloSavedState {
  const o = x as Record<string, unknown>;
  const ms = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (
    typeof o !== 'object' ||
    o === null ||
    !ms(o.firstAt) ||
    !ms(o.lastTick) ||
    !(o.lastInactive === undefined || o.lastInactive === null || ms(o.lastInactive)) ||
    typeof o.wasActive !== 'boolean' ||
    !Array.isArray(o.timers) ||
    !o.timers.every((t) => t === null || ms(t))
  ) {
    throw new Error('a saved SLO state is damaged');
  }
  return {
    firstAt: o.firstAt as number,
    lastTick: o.lastTick as number,
    lastInactive: (o.lastInactive ?? undefined) as number | undefined,
    wasActive: o.wasActive,
    timers: o.timers as (number | null)[],
  };
}

/** Rank slots older than this (at tick `seconds`) no longer count in any ranking: pruned. */
export function rankPruneSlot(seconds: number): number {
  return Math.floor((seconds - SLO_GROUP_RANK_WINDOW) / RANK_SLOT) - 1;
}
