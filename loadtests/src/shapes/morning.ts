import { clock, curve, type Knot } from './curve.js';
import type { Shape } from './Shape.js';

/**
 * The working-day morning of a messaging platform, as shares of the peak login rate: quiet night,
 * early shifts from 06:00, every care provider logging in on the quarter of an hour around 08:00
 * (07:52:30–08:07:30 at the peak), the day's steady trickle, and the lunch dip.
 */
export const MORNING_KNOTS: readonly Knot[] = [
  ['05:30', 0.01],
  ['06:00', 0.01],
  ['07:00', 0.08],
  ['07:30', 0.3],
  ['07:52:30', 1],
  ['08:07:30', 1],
  ['08:30', 0.3],
  ['09:00', 0.1],
  ['12:00', 0.1],
  ['12:30', 0.03],
  ['13:00', 0.03],
  ['13:30', 0.1],
];
export const MORNING_START = '05:30';
export const MORNING_END = '13:30';
/** The peak holds for a quarter of an hour: peakUsers log in within it. */
export const PEAK_SECONDS = 900;

const level = curve(MORNING_KNOTS);

/** Logins per second at a clock time (seconds since midnight), real time. */
export function morningRate(peakUsers: number, clockSeconds: number): number {
  return (peakUsers / PEAK_SECONDS) * level(clockSeconds);
}

/** The morning from 05:30 to 13:30, `timeScale` times faster (the same number of sessions). */
export function morningShape(peakUsers: number, timeScale: number): Shape {
  const start = clock(MORNING_START);
  return compress(start, clock(MORNING_END), timeScale, (c) => morningRate(peakUsers, c));
}

/** A clock-time curve run `timeScale` times faster: rates rise by the factor, session counts stay. */
export function compress(start: number, end: number, timeScale: number, real: (clock: number) => number): Shape {
  return {
    duration: Math.round((end - start) / timeScale),
    rate: (t) => timeScale * real(start + t * timeScale),
    breaks: [],
  };
}
