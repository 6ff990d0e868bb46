import type { Knot } from '../shape/knots.js';

/** Hospitals on one shared record (DESIGN.md: ~30 on one platform). */
export const HOSPITALS = 30;

/**
 * A hospital's calls on a shared patient record, as shares of its weekday peak: wards never
 * close, so nights keep a floor; the day shift's handover at 07:00–07:30, the morning rounds to
 * 11:00, outpatient clinics until 16:30, the evening handover at 15:00 and 23:00 as small bumps.
 */
export const HOSPITAL_WEEKDAY_KNOTS: readonly Knot[] = [
  ['00:00', 0.15],
  ['05:30', 0.12],
  ['07:00', 0.45],
  ['07:30', 0.7],
  ['09:30', 1],
  ['11:00', 0.9],
  ['12:30', 0.65],
  ['13:30', 0.85],
  ['15:00', 0.75],
  ['16:30', 0.5],
  ['19:00', 0.3],
  ['23:00', 0.22],
  ['24:00', 0.15],
];

/** Weekends: wards and emergency departments only, no clinics; the same handovers. */
export const HOSPITAL_WEEKEND_KNOTS: readonly Knot[] = [
  ['00:00', 0.15],
  ['05:30', 0.12],
  ['07:30', 0.35],
  ['10:00', 0.4],
  ['15:00', 0.35],
  ['19:00', 0.25],
  ['24:00', 0.15],
];

/** The knots of an ISO weekday (1 = Monday … 7 = Sunday). */
export function hospitalKnots(weekday: number): readonly Knot[] {
  return weekday >= 6 ? HOSPITAL_WEEKEND_KNOTS : HOSPITAL_WEEKDAY_KNOTS;
}
