/**
 * Traffic → promtool input series. A scenario describes traffic as call rates over time; this turns
 * them into the counters an instrumented service exposes (`care_calls_total`), sampled every
 * `step` seconds, written in promtool's expanding notation (`a+bxn`: a, a+b, … a+nb) so that weeks
 * of samples take a few hundred tokens per series instead of tens of thousands.
 */

/** Calls per second during the minute `minute` (counted from 1970-01-01T00:00:00Z; may be fractional). */
export type Rate = (minute: number) => number;

export interface Traffic {
  /** Every call. */
  total: Rate;
  /** Calls that failed with outcome `server_error` (they burn the budget); at most `total`. */
  errors: Rate;
}

export interface InputSeries {
  series: string;
  values: string;
}

const MINUTES_PER_DAY = 24 * 60;

/** Which sample times (seconds) a series has; the others are written as missing (`_`). */
export type Sampling = (second: number) => boolean;

/** Every sample. */
export const everySample: Sampling = () => true;

/**
 * One sample every `sparse` seconds, and every sample inside `dense` [from, to] ranges (seconds,
 * inclusive): full resolution where the rules look closely, a thin history elsewhere.
 */
export function denseWithin(dense: readonly (readonly [number, number])[], sparse: number): Sampling {
  return (s) => s % sparse === 0 || dense.some(([from, to]) => s >= from && s <= to);
}

/**
 * Counter values at 0, step, 2·step … `seconds`: the number of calls so far, rounded to whole
 * calls. Each sample adds the calls of the step before it, at the rate at the step's start.
 * Samples that `sampling` leaves out are `undefined` (the calls still count towards the next one).
 */
export function counterValues(
  rate: Rate,
  seconds: number,
  step: number,
  sampling = everySample,
): (number | undefined)[] {
  if (seconds % step !== 0) throw new RangeError(`${seconds} s is not a whole number of ${step} s steps`);
  const values: (number | undefined)[] = [sampling(0) ? 0 : undefined];
  let calls = 0;
  for (let t = step; t <= seconds; t += step) {
    const r = rate((t - step) / 60);
    if (!(r >= 0)) throw new RangeError(`negative or missing rate ${r} at minute ${(t - step) / 60}`);
    calls += r * step;
    values.push(sampling(t) ? Math.round(calls) : undefined);
  }
  return values;
}

/**
 * Promtool's expanding notation: each run of samples with equal increments as one `a+bxn`
 * segment (a, a+b, … a+nb), each run of missing samples as `_xn`.
 */
export function expandingNotation(values: readonly (number | undefined)[]): string {
  const tokens: string[] = [];
  let i = 0;
  while (i < values.length) {
    const a = values[i];
    let j = i;
    if (a === undefined) {
      while (j + 1 < values.length && values[j + 1] === undefined) j++;
      tokens.push(j === i ? '_' : `_x${j - i + 1}`);
    } else {
      const next = values[i + 1];
      if (next !== undefined) {
        const inc = next - a;
        j = i + 1;
        while (j + 1 < values.length && values[j + 1] !== undefined && values[j + 1]! - values[j]! === inc) j++;
        tokens.push(j === i + 1 ? `${a} ${next}` : `${a}${inc < 0 ? '' : '+'}${inc}x${j - i}`);
      } else {
        tokens.push(String(a));
      }
    }
    i = j + 1;
  }
  return tokens.join(' ');
}

/** The samples a notation stands for (`undefined` for missing ones): the inverse of `expandingNotation`. */
export function expand(notation: string): (number | undefined)[] {
  return notation
    .split(' ')
    .filter((t) => t !== '')
    .flatMap((token): (number | undefined)[] => {
      if (token === '_') return [undefined];
      const blanks = /^_x(\d+)$/.exec(token);
      if (blanks) return Array.from({ length: Number(blanks[1]) }, () => undefined);
      const m = /^(-?\d+)([+-]\d+)x(\d+)$/.exec(token);
      if (m === null) return [Number(token)];
      const [a, b, n] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return Array.from({ length: n + 1 }, (_, k) => a + k * b);
    });
}

function seriesName(labels: Record<string, string>): string {
  const body = Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  return `care_calls_total{${body}}`;
}

/**
 * The two `care_calls_total` series of one operation for `seconds` of traffic: successes
 * (`outcome="success",code="200"`) and server errors (`outcome="server_error",code="503"`).
 */
export function callSeries(
  selector: Record<string, string>,
  traffic: Traffic,
  seconds: number,
  step = 60,
  sampling = everySample,
): InputSeries[] {
  const success: Rate = (m) => {
    const total = traffic.total(m);
    const errors = traffic.errors(m);
    if (errors > total) throw new RangeError(`more errors (${errors}/s) than calls (${total}/s) at minute ${m}`);
    return total - errors;
  };
  return [
    {
      series: seriesName({ ...selector, outcome: 'success', code: '200' }),
      values: expandingNotation(counterValues(success, seconds, step, sampling)),
    },
    {
      series: seriesName({ ...selector, outcome: 'server_error', code: '503' }),
      values: expandingNotation(counterValues(traffic.errors, seconds, step, sampling)),
    },
  ];
}

/** 0 = Sunday … 6 = Saturday. Day 0 of promtool's clock, 1970-01-01, is a Thursday. */
export function weekday(minute: number): number {
  return (4 + Math.floor(minute / MINUTES_PER_DAY)) % 7;
}

// Calls per second by hour of day. Weekdays: up at 07:00, peak 08:00–11:00 (40/s), a lunch dip,
// quiet evenings, nights at 0.2/s. No hour falls to less than 40% of the one before, as real
// traffic tapers off rather than stopping. Saturdays are slower; Sunday nights are the quietest
// (0.1/s at 03:00).
// biome-ignore format: a table
const WEEKDAY = [
  0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1.5, // 00–07
  40, 40, 40, 30, 16, 30, 30, 26,         // 08–15
  20, 12, 6, 4, 3, 2, 1, 0.5,             // 16–23
];
// biome-ignore format: a table
const SATURDAY = [
  0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.6,
  2, 4, 6, 6, 5, 5, 4, 4,
  3, 3, 2, 2, 1.5, 1, 0.5, 0.3,
];
// biome-ignore format: a table
const SUNDAY = [
  0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.3,
  1, 2, 3, 3, 3, 3, 3, 3,
  3, 3, 2, 2, 1.5, 1, 0.5, 0.3,
];

/** Weekday 07:00–08:00 in ten-minute steps, so that the morning does not start with a jump. */
const RAMP = [1.5, 3, 6, 12, 20, 30];

/**
 * A realistic week for a medication-history lookup at a regional hospital network: busy weekday
 * mornings, a lunch dip, low evenings and nights, quiet weekends.
 */
export function weeklyRhythm(minute: number): number {
  const ofDay = ((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const hour = Math.floor(ofDay / 60);
  const day = weekday(minute);
  if (day === 0) return SUNDAY[hour]!;
  if (day === 6) return SATURDAY[hour]!;
  if (hour === 7) return RAMP[Math.floor((ofDay - 420) / 10)]!;
  return WEEKDAY[hour]!;
}

/**
 * Counter values at 0, step, 2·step … `seconds` for steady traffic of `perSecond` calls: below one
 * call a step, single calls every 1/perSecond seconds, the first a quarter step after 0 (so no
 * call falls on a sample); from one call a step up, perSecond·step calls in each step, as a
 * busy service's scrape sees them. `fails(time)` says whether the call at `time` (for busy
 * traffic: the step that starts then) failed. Returns [successes, failures].
 */
export function steadyCounters(
  perSecond: number,
  seconds: number,
  step: number,
  fails: (second: number) => boolean,
): [number[], number[]] {
  if (seconds % step !== 0) throw new RangeError(`${seconds} s is not a whole number of ${step} s steps`);
  const ok = [0];
  const failed = [0];
  const gap = 1 / perSecond;
  let next = step / 4;
  for (let t = step; t <= seconds; t += step) {
    let good = 0;
    let bad = 0;
    if (perSecond * step >= 1) {
      if (fails(t - step)) bad = perSecond * step;
      else good = perSecond * step;
    } else {
      for (; next < t; next += gap) {
        if (fails(next)) bad++;
        else good++;
      }
    }
    ok.push(ok.at(-1)! + good);
    failed.push(failed.at(-1)! + bad);
  }
  return [ok, failed];
}
