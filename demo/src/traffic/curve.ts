import {
  type CareOperation,
  DENIED_SHARE,
  hammerRate,
  type LocalMoment,
  PHARMACY_SEED,
  pharmacyStoryRate,
} from '@hartslag/scenarios';

/** A moment of the simulated week: local date, ISO weekday, wall-clock hour and the instant. */
export type Moment = LocalMoment;

export type DataOperation = CareOperation;

/**
 * Expected calls per second at a simulated moment: the scenario catalogue's pharmacy day, in the
 * story the seeded history tells (its days before `firstDay` are the past the status page and the
 * panel show; the demo's days continue it as ordinary days).
 */
export class TrafficCurve {
  constructor(
    readonly peak: number,
    readonly firstDay: string,
    readonly seed = PHARMACY_SEED,
  ) {}

  /** All pharmacies together, the hammering one aside. */
  rate(m: Moment): number {
    return pharmacyStoryRate(m, this.firstDay, this.peak, this.seed);
  }

  /** The hammering pharmacy's extra calls per second (0 outside its window). */
  hammerRate(m: Moment): number {
    return hammerRate(m.hour, m.weekday, this.peak);
  }

  /** Calls answered with success on a usual day: those with a contract, the hammering pharmacy's too (it is there every working day). */
  usualAnswered(m: Moment): number {
    return this.rate(m) * (1 - DENIED_SHARE) + this.hammerRate(m);
  }

  /** Calls refused on a usual day: pharmacies without a contract. */
  usualDenied(m: Moment): number {
    return this.rate(m) * DENIED_SHARE;
  }
}
