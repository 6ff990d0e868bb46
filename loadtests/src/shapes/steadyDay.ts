import { clock, knotCurve, PEAK_SECONDS, WORKING_DAY_KNOTS } from '@hartslag/scenarios';
import { compress } from './morning.js';
import type { Shape } from './Shape.js';

const level = knotCurve(WORKING_DAY_KNOTS);

/** Sessions per second at a clock time, real time. */
export function steadyDayRate(peakUsers: number, clockSeconds: number): number {
  return (peakUsers / PEAK_SECONDS) * level(clockSeconds);
}

/** 24 hours, `timeScale` times faster. */
export function steadyDayShape(peakUsers: number, timeScale: number): Shape {
  return compress(0, clock('24:00'), timeScale, (c) => steadyDayRate(peakUsers, c));
}
