import { localParts } from '@hartslag/rhythm';
import type { StateMinute, VolumePoint } from '../incidents/model.js';
import type { State } from '../state/State.js';
import type { StatusStore } from '../store/StatusStore.js';
import { pharmacyRate, seededRandom } from './pharmacyDay.js';

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
 * Fills a store with a pharmacy hub's past: call volume in the daily rhythm with some noise, and
 * a state per minute (operational except for the given outages). For the demo and screenshots;
 * the store's own idempotent writes, so seeding twice changes nothing.
 */
export async function seedHistory(store: StatusStore, options: SeedOptions): Promise<void> {
  const random = seededRandom(options.seed ?? 20261124);
  const end = Math.floor(options.now / BUCKET) * BUCKET;

  let volume: VolumePoint[] = [];
  for (let t = end - (options.volumeDays ?? 35) * 86_400_000; t < end; t += BUCKET) {
    const { hour, minute, weekday } = localParts(t, options.timeZone);
    for (const c of options.components) {
      const rate = pharmacyRate(hour + minute / 60, weekday, c.peak) * (0.9 + 0.2 * random());
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
