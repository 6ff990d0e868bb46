import type { Knot } from '../shape/knots.js';

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
/** The peak holds for a quarter of an hour: the peak's users log in within it. */
export const PEAK_SECONDS = 900;

/**
 * A whole working day of the same platform: the same night and lunch as the morning, but the
 * 08:00 peak spread over the early hours (sessions that stay open all day log in once), an
 * afternoon shift change and a quiet evening.
 */
export const WORKING_DAY_KNOTS: readonly Knot[] = [
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
