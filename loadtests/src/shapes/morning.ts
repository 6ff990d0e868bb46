import { clock, knotCurve, MORNING_END, MORNING_KNOTS, MORNING_START, PEAK_SECONDS } from '@hartslag/scenarios';
import type { Shape } from './Shape.js';

const level = knotCurve(MORNING_KNOTS);

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
