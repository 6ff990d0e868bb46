import { HOUR_MS, wallOffset } from '@hartslag/rhythm';
import type { FrameLike } from '../../../src/data/frames.js';

export const TZ = 'Europe/Amsterdam';

/** A pharmacy data hub's day by local wall clock: start-up peak 08:00–09:00, lunch dip, quiet evening and night. */
export function usualDay(t: number, timeZone = TZ): number {
  const h = wallOffset(t, timeZone) / HOUR_MS;
  if (h >= 8 && h < 9) return 400;
  if (h >= 12 && h < 13) return 150;
  if (h >= 7 && h < 18) return 250;
  return 50;
}

/** Instants every `step` ms from `from` (inclusive) to `to` (exclusive). */
export function instants(from: string | number, to: string | number, step: number): number[] {
  const out: number[] = [];
  const end = typeof to === 'number' ? to : Date.parse(to);
  for (let t = typeof from === 'number' ? from : Date.parse(from); t < end; t += step) out.push(t);
  return out;
}

/** A frame as Grafana's Prometheus data source returns it: a time field and one number field. */
export function frame(
  refId: string,
  times: readonly number[],
  values: readonly (number | null)[],
  extra: { displayNameFromDS?: string; name?: string; labels?: Record<string, string> } = {},
): FrameLike {
  return {
    refId,
    name: extra.name,
    fields: [
      { name: 'Time', type: 'time', values: [...times], config: {} },
      {
        name: 'Value',
        type: 'number',
        values: [...values],
        config: extra.displayNameFromDS === undefined ? {} : { displayNameFromDS: extra.displayNameFromDS },
        labels: extra.labels,
      },
    ],
  };
}

/** A frame of `value(t)` at the given instants. */
export function frameOf(
  refId: string,
  times: readonly number[],
  value: (t: number) => number | null,
  extra?: Parameters<typeof frame>[3],
): FrameLike {
  return frame(
    refId,
    times,
    times.map((t) => value(t)),
    extra,
  );
}
