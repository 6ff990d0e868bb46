import { DAY_MS, HOUR_MS, localParts, MINUTE_MS, startOfLocalDay, WEEK_MS, wallOffset } from '@hartslag/rhythm';
import type { Moment, TrafficCurve } from '../traffic/curve.js';

/**
 * What the panel is told a series is: answered care calls per second (logins aside), as PromQL;
 * overlays carry their `offset`, by which the panel recognises them.
 */
export function panelQuery(offset?: string): string {
  const shift = offset === undefined ? '' : ` offset ${offset}`;
  return `sum(rate(care_calls_total{outcome="success",operation!="login"}[1m]${shift}))`;
}

/** Simulated time per point: a minute, so an incident of N minutes shows as N minutes. */
export const STEP_MS = MINUTE_MS;

/**
 * The overlays, as PromQL `offset` queries: the panel recognises them by their text. One to four
 * weeks back also make its usual-day band.
 */
export const OFFSETS = [
  { refId: 'B', offset: '1d', ms: DAY_MS },
  { refId: 'C', offset: '1w', ms: WEEK_MS },
  { refId: 'D', offset: '2w', ms: 2 * WEEK_MS },
  { refId: 'E', offset: '3w', ms: 3 * WEEK_MS },
  { refId: 'F', offset: '4w', ms: 4 * WEEK_MS },
  { refId: 'G', offset: '52w', ms: 52 * WEEK_MS },
] as const;

/** A year ago the platform served this much less: the last-year line sits below today's. */
const YEARLY_GROWTH = 0.12;

/** One data frame as Grafana's JSON (the harness's `HarnessData.series` entries). */
export interface Frame {
  refId: string;
  name: string;
  fields: [
    { name: 'Time'; type: 'time'; values: number[]; config: Record<string, never> },
    { name: 'Value'; type: 'number'; values: number[]; config: { displayNameFromDS: string; unit: string } },
  ];
}

export interface PanelData {
  series: Frame[];
  timeRange: { from: number; to: number };
}

/**
 * The panel preview's data, in simulated time: per simulated minute the care calls the live
 * platform answered, as the pharmacies' systems counted them, and for every earlier minute either
 * what was counted then (yesterday, once the demo has run a day) or the pharmacy day the traffic
 * follows, the seeded history the status page shows.
 */
export class RhythmData {
  private readonly ran = new Set<number>();
  private readonly answered = new Map<number, number>();
  private first: number | undefined;

  /** `minuteSeconds`: real seconds per simulated minute, to turn a minute's count into calls per second. */
  constructor(
    private readonly curve: TrafficCurve,
    readonly timeZone: string,
    private readonly minuteSeconds: number,
  ) {}

  /**
   * The traffic ran in the simulated minute starting at `minute`. The first minute it is told of
   * is left out: the traffic started within it, so it holds only part of a minute's calls.
   */
  cover(minute: number): void {
    if (this.first === undefined) this.first = minute;
    else if (minute !== this.first) this.ran.add(minute);
  }

  /** A care call of the simulated minute starting at `minute` was answered with success. */
  answer(minute: number): void {
    this.answered.set(minute, (this.answered.get(minute) ?? 0) + 1);
  }

  /** The answered calls per second at a simulated instant, if the demo was running then. */
  measured(t: number): number | undefined {
    const minute = Math.floor(t / STEP_MS) * STEP_MS;
    if (!this.ran.has(minute)) return undefined;
    return (this.answered.get(minute) ?? 0) / this.minuteSeconds;
  }

  /** What the pharmacy day gave at a simulated instant `age` ms before today. */
  usual(t: number, age: number): number {
    const { date, weekday } = localParts(t, this.timeZone);
    const moment: Moment = { date, weekday, hour: wallOffset(t, this.timeZone) / HOUR_MS, instant: t };
    const growth = 1 - YEARLY_GROWTH * Math.min(1, age / (52 * WEEK_MS));
    return this.curve.usualAnswered(moment) * growth;
  }

  valueAt(t: number, age: number): number {
    return this.measured(t) ?? this.usual(t, age);
  }

  /**
   * Today up to `now` (simulated) as query A, and one frame per offset, at today's timestamps.
   * Today's minutes ending after `settled` are left out: their calls may still be under way.
   */
  frames(now: number, settled = now): PanelData {
    const from = startOfLocalDay(now, this.timeZone);
    const times: number[] = [];
    for (let t = Math.ceil(from / STEP_MS) * STEP_MS; t <= now; t += STEP_MS) times.push(t);
    const today = times.filter((t) => t + STEP_MS <= settled && this.measured(t) !== undefined);
    const round = (v: number) => Math.round(v * 100) / 100;
    return {
      series: [
        frame(
          'A',
          panelQuery(),
          today,
          today.map((t) => round(this.measured(t)!)),
        ),
        ...OFFSETS.map(({ refId, offset, ms }) =>
          frame(
            refId,
            panelQuery(offset),
            times,
            times.map((t) => round(this.valueAt(t - ms, ms))),
          ),
        ),
      ],
      timeRange: { from, to: now },
    };
  }

  /** Forgets counts older than the oldest overlay needs. */
  prune(now: number): void {
    const keep = now - 53 * WEEK_MS;
    for (const t of this.ran) if (t < keep) this.ran.delete(t);
    for (const t of this.answered.keys()) if (t < keep) this.answered.delete(t);
  }
}

function frame(refId: string, name: string, times: number[], values: number[]): Frame {
  return {
    refId,
    name,
    fields: [
      { name: 'Time', type: 'time', values: times, config: {} },
      { name: 'Value', type: 'number', values, config: { displayNameFromDS: name, unit: 'reqps' } },
    ],
  };
}
