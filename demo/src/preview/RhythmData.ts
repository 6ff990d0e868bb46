import { DAY_MS, HOUR_MS, localParts, MINUTE_MS, startOfLocalDay, WEEK_MS, wallOffset } from '@hartslag/rhythm';
import type { TrafficCurve } from '../traffic/curve.js';

/**
 * What the panel is told a series is: answered calls per second over a (simulated) window, as
 * PromQL; overlays carry their `offset`, by which the panel recognises them.
 */
export function panelQuery(windowMinutes: number, offset?: string): string {
  const shift = offset === undefined ? '' : ` offset ${offset}`;
  return `sum(rate(care_calls_total{outcome="success"}[${windowMinutes}m]${shift}))`;
}

/** Simulated time per point: the resolution of a dashboard over a day. */
export const STEP_MS = 5 * MINUTE_MS;

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
/** Day-to-day spread of the synthesised past, ± half of it. */
const JITTER = 0.08;

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

/** A stable number in [0, 1) per point, so the synthesised past is the same on every page load. */
function noise(key: number): number {
  let t = (Math.imul(Math.floor(key / STEP_MS) | 0, 0x9e3779b1) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

/**
 * The panel preview's data, in simulated time: today's answered calls as measured on the live
 * platform, and for every earlier point either what was measured then (yesterday, once the demo
 * has run a day) or the same curve the traffic follows, with the spread of real days.
 */
export class RhythmData {
  private readonly live = new Map<number, number>();

  /** `windowMinutes`: the simulated span each measured rate covers, named in the queries. */
  constructor(
    private readonly curve: TrafficCurve,
    readonly timeZone: string,
    private readonly windowMinutes = 15,
  ) {}

  /** Records a measured rate over the simulated span [from, to). */
  record(from: number, to: number, rate: number): void {
    const first = Math.floor(from / STEP_MS) * STEP_MS;
    for (let t = first; t < Math.max(to, first + 1); t += STEP_MS) this.live.set(t, rate);
  }

  /** The measured rate at a simulated instant, if the demo was running then. */
  measured(t: number): number | undefined {
    return this.live.get(Math.floor(t / STEP_MS) * STEP_MS);
  }

  /** What a usual day gave at a simulated instant `age` ms before today. */
  usual(t: number, age: number): number {
    const { weekday } = localParts(t, this.timeZone);
    const hour = wallOffset(t, this.timeZone) / HOUR_MS;
    const growth = 1 - YEARLY_GROWTH * Math.min(1, age / (52 * WEEK_MS));
    const spread = 1 + JITTER * (noise(t) - 0.5);
    return this.curve.usualAnswered({ hour, weekday }) * growth * spread;
  }

  valueAt(t: number, age: number): number {
    return this.measured(t) ?? this.usual(t, age);
  }

  /** Today up to `now` (simulated) as query A, and one frame per offset, at today's timestamps. */
  frames(now: number): PanelData {
    const from = startOfLocalDay(now, this.timeZone);
    const times: number[] = [];
    for (let t = Math.ceil(from / STEP_MS) * STEP_MS; t <= now; t += STEP_MS) times.push(t);
    const today = times.filter((t) => this.measured(t) !== undefined);
    const round = (v: number) => Math.round(v * 100) / 100;
    return {
      series: [
        frame(
          'A',
          panelQuery(this.windowMinutes),
          today,
          today.map((t) => round(this.measured(t)!)),
        ),
        ...OFFSETS.map(({ refId, offset, ms }) =>
          frame(
            refId,
            panelQuery(this.windowMinutes, offset),
            times,
            times.map((t) => round(this.valueAt(t - ms, ms))),
          ),
        ),
      ],
      timeRange: { from, to: now },
    };
  }

  /** Forgets measurements older than the oldest overlay needs. */
  prune(now: number): void {
    const keep = now - 53 * WEEK_MS;
    for (const t of this.live.keys()) if (t < keep) this.live.delete(t);
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
