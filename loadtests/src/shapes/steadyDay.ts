import { clock, curve, type Knot } from './curve.js';
import { compress, PEAK_SECONDS } from './morning.js';
import type { Shape } from './Shape.js';

/**
 * A whole working day for a soak test: the same night and lunch as the morning, but the 08:00
 * peak spread over the early hours (sessions that stay open all day log in once), an afternoon
 * shift change and a quiet evening.
 */
export const DAY_KNOTS: readonly Knot[] = [
  ['00:00', 0.01],
  ['06:00', 0.01],
  ['07:30', 0.2],
  ['08:00', 0.4],
  ['08:30', 0.2],
  ['09:30', 0.1],
  ['12:00', 0.1],
  ['12:30', 0.03],
  ['13:00', 0.03],
  ['13:30', 0.12],
  ['16:30', 0.12],
  ['17:30', 0.05],
  ['22:00', 0.02],
  ['24:00', 0.01],
];

const level = curve(DAY_KNOTS);

/** Sessions per second at a clock time, real time. */
export function steadyDayRate(peakUsers: number, clockSeconds: number): number {
  return (peakUsers / PEAK_SECONDS) * level(clockSeconds);
}

/** 24 hours, `timeScale` times faster. */
export function steadyDayShape(peakUsers: number, timeScale: number): Shape {
  return compress(0, clock('24:00'), timeScale, (c) => steadyDayRate(peakUsers, c));
}
