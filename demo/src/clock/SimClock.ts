import { addDays, DAY_MS, HOUR_MS, instantAt, localDate, weekdayOf } from '@hartslag/rhythm';

/** A moment of the simulated day. */
export interface SimMoment {
  /** Simulated days since the demo started (0 on the first). */
  day: number;
  /** Local date, 'YYYY-MM-DD'. */
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Wall-clock hours since local midnight, 0 ≤ hour < 24. */
  hour: number;
  /** The instant at which the local wall clock reads that time on that date. */
  instant: number;
}

export interface SimClockOptions {
  /** Real ms at which the simulation starts. */
  startedAt: number;
  /** Real seconds per simulated day. */
  daySeconds: number;
  timeZone: string;
  /** Local date of the first simulated day. Default: the last weekday on or before the real date. */
  firstDate?: string;
  /** Wall-clock hour the first day starts at. Default 7: pharmacies open, the morning peak is near. */
  startHour?: number;
}

/**
 * Real time → simulated wall-clock time: one local day every `daySeconds`, date after date. Each
 * simulated day has 24 wall-clock hours (a DST day is not stretched): the traffic curve is a
 * function of the wall clock, as pharmacies open at 07:30 whatever the offset.
 */
export class SimClock {
  readonly speed: number;
  readonly firstDate: string;
  readonly startHour: number;

  constructor(private readonly options: SimClockOptions) {
    this.speed = 86_400 / options.daySeconds;
    this.startHour = options.startHour ?? 7;
    this.firstDate = options.firstDate ?? lastWeekday(localDate(options.startedAt, options.timeZone));
  }

  get timeZone(): string {
    return this.options.timeZone;
  }

  /** Real ms at which the simulation starts (the first day's `startHour`). */
  get startedAt(): number {
    return this.options.startedAt;
  }

  at(realMs: number): SimMoment {
    const wall = this.startHour * HOUR_MS + Math.max(0, realMs - this.options.startedAt) * this.speed;
    const day = Math.floor(wall / DAY_MS);
    const wallMs = wall - day * DAY_MS;
    const date = addDays(this.firstDate, day);
    return {
      day,
      date,
      weekday: weekdayOf(date),
      hour: wallMs / HOUR_MS,
      instant: instantAt(date, wallMs, this.options.timeZone),
    };
  }

  /** Simulated ms that pass in `realMs` real ms. */
  simulated(realMs: number): number {
    return realMs * this.speed;
  }
}

/** The date itself on Monday–Friday, else the Friday before: the demo opens on a working day. */
export function lastWeekday(date: string): string {
  const weekday = weekdayOf(date);
  return weekday <= 5 ? date : addDays(date, 5 - weekday);
}
