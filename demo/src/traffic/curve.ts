import { pharmacyRate } from '@hartslag/status-api';

/** The operations pharmacies call once logged in, and their share of those calls. */
export const MIX = {
  'fetch-medication-history': 0.35,
  'fetch-prescription': 0.25,
  'register-dispensation': 0.25,
  'send-message': 0.15,
} as const;

export type DataOperation = keyof typeof MIX;

/** Share of calls from pharmacies without a contract: refused (outcome `denied`), never an error. */
export const DENIED_SHARE = 0.02;

/**
 * One pharmacy whose system starts fetching medication histories in a loop late in the morning
 * of every working day, and stops in the afternoon: the "one tenant that overloads everything".
 */
export const HAMMER = {
  tenant: 'pharmacy-017',
  operation: 'fetch-medication-history',
  fromHour: 11,
  toHour: 16,
  /** Its calls per second, as a share of the platform's peak rate. */
  shareOfPeak: 0.2,
} as const;

/** A moment of the simulated week: wall-clock hour and ISO weekday (1 = Monday). */
export interface Moment {
  hour: number;
  weekday: number;
}

/** Expected calls per second at a simulated moment. */
export class TrafficCurve {
  constructor(readonly peak: number) {}

  /**
   * All pharmacies together, the hammering one aside: the pharmacy-day curve the status page's
   * "usual day" uses (quiet night, the 08:00–09:00 peak, the lunch dip, the afternoon, evening).
   */
  rate(m: Moment): number {
    return pharmacyRate(m.hour, m.weekday, this.peak);
  }

  /** The hammering pharmacy's extra calls per second (0 outside its window). */
  hammerRate(m: Moment): number {
    const on = m.weekday <= 5 && m.hour >= HAMMER.fromHour && m.hour < HAMMER.toHour;
    return on ? HAMMER.shareOfPeak * this.peak : 0;
  }

  /** Calls answered with success on a usual day: the calls with a contract, no hammering. */
  usualAnswered(m: Moment): number {
    return this.rate(m) * (1 - DENIED_SHARE);
  }
}
