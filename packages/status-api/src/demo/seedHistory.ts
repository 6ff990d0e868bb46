import { localParts } from '@hartslag/rhythm';
import { PHARMACY_SEED, pharmacyStoryRate } from '@hartslag/scenarios';
import type { StateMinute, VolumePoint } from '../incidents/model.js';
import type { State } from '../state/State.js';
import type { StatusStore } from '../store/StatusStore.js';

const MINUTE = 60_000;
const BUCKET = 5 * MINUTE;
const BATCH = 5_000;

export interface SeedOptions {
  now: number;
  timeZone: string;
  components: { id: string; peak: number }[];
  /** Days of call volume (the chart needs four previous same weekdays). Default 35. */
  volumeDays?: number;
  /** Days of state history (uptime windows go to 90). Default 90. */
  stateDays?: number;
  /** Outages to put in the history: component, start, minutes, state. */
  outages?: { component: string; at: number; minutes: number; state: State }[];
  seed?: number;
}

/**
 * Fills a store with a pharmacy hub's past: call volume of the scenario catalogue's pharmacy day
 * (its curve, each day's level, each minute's jitter: what the demo's live traffic continues), and
 * a state per minute (operational except for the given outages). For the demo and screenshots;
 * the store's own idempotent writes, so seeding twice changes nothing.
 */
export async function seedHistory(store: StatusStore, options: SeedOptions): Promise<void> {
  const seed = options.seed ?? PHARMACY_SEED;
  const end = Math.floor(options.now / BUCKET) * BUCKET;
  // Today is the first day of the story: an ordinary one, which live traffic may continue.
  const today = localParts(options.now, options.timeZone).date;

  let volume: VolumePoint[] = [];
  for (let t = end - (options.volumeDays ?? 35) * 86_400_000; t < end; t += BUCKET) {
    const { date, hour, minute, weekday } = localParts(t, options.timeZone);
    const at = { date, weekday, hour: hour + minute / 60, instant: t };
    for (const c of options.components) {
      const rate = pharmacyStoryRate(at, today, c.peak, seed);
      volume.push({ component: c.id, at: t, rate });
    }
    if (volume.length >= BATCH) {
      await store.recordVolume(volume);
      volume = [];
    }
  }
  if (volume.length > 0) await store.recordVolume(volume);

  const minuteEnd = Math.floor(options.now / MINUTE) * MINUTE;
  const outages = options.outages ?? [];
  let states: StateMinute[] = [];
  for (let m = minuteEnd - (options.stateDays ?? 90) * 86_400_000; m < minuteEnd; m += MINUTE) {
    for (const c of options.components) {
      const hit = outages.find((o) => o.component === c.id && m >= o.at && m < o.at + o.minutes * MINUTE);
      states.push({ component: c.id, minute: m, state: hit?.state ?? 'operational' });
    }
    if (states.length >= BATCH) {
      await store.recordStates(states);
      states = [];
    }
  }
  if (states.length > 0) await store.recordStates(states);
}
