import type { Shape } from './Shape.js';

/** A stretch of constant or linearly ramping arrivals: what both engines run. Rates in sessions/s. */
export interface Phase {
  duration: number;
  arrivalRate: number;
  /** Rate at the end of the phase when it ramps. */
  rampTo?: number;
}

export interface PhaseOptions {
  /** At most this many phases (engines and readers cope badly with hundreds). */
  maxPhases?: number;
  /** Stop splitting once every phase is within this share of the peak rate of the shape. */
  tolerance?: number;
}

interface Segment {
  from: number;
  to: number;
  start: number;
  end: number;
  worst: { at: number; error: number };
}

/**
 * A piecewise-linear view of a shape in whole seconds: starts with one segment per stage, then
 * splits the segment that strays furthest from the shape at its worst point, until every segment
 * is within the tolerance or `maxPhases` is reached (Ramer–Douglas–Peucker, greedy).
 */
export function phases(shape: Shape, { maxPhases = 20, tolerance = 0.02 }: PhaseOptions = {}): Phase[] {
  const cuts = [...new Set([0, ...shape.breaks.filter((b) => b > 0 && b < shape.duration), shape.duration])];
  cuts.sort((a, b) => a - b);
  const segments = cuts.slice(1).map((to, i) => segment(shape, cuts[i]!, to));
  while (segments.length < maxPhases) {
    let i = 0;
    for (let j = 1; j < segments.length; j++) if (segments[j]!.worst.error > segments[i]!.worst.error) i = j;
    const s = segments[i]!;
    if (s.worst.error <= tolerance * peak(shape) || s.to - s.from < 2) break;
    segments.splice(i, 1, segment(shape, s.from, s.worst.at), segment(shape, s.worst.at, s.to));
  }
  // Whole-second phases cut the corners of a peak compressed into a second or two: scale them to
  // start as many sessions as the shape does.
  const area = segments.reduce((n, s) => n + ((s.start + s.end) / 2) * (s.to - s.from), 0);
  const factor = area > 0 ? shapeSessions(shape) / area : 1;
  return segments.map(({ from, to, start, end }) => {
    const arrivalRate = round(start * factor);
    const rampTo = round(end * factor);
    return rampTo === arrivalRate ? { duration: to - from, arrivalRate } : { duration: to - from, arrivalRate, rampTo };
  });
}

/** Sessions the phases start: the area under them. */
export function sessions(list: readonly Phase[]): number {
  return list.reduce((sum, p) => sum + ((p.arrivalRate + (p.rampTo ?? p.arrivalRate)) / 2) * p.duration, 0);
}

/** Sessions the shape starts: its integral, by the midpoint rule over seconds. */
export function shapeSessions(shape: Shape): number {
  let sum = 0;
  for (let t = 0; t < shape.duration; t++) sum += shape.rate(t + 0.5);
  return sum;
}

export function peak(shape: Shape): number {
  let max = 0;
  for (let t = 0; t < shape.duration; t++) max = Math.max(max, shape.rate(t), shape.rate(t + 0.5));
  return max;
}

/** The rate the phases give at time `t`. */
export function phaseRate(list: readonly Phase[], t: number): number {
  let from = 0;
  for (const p of list) {
    if (t < from + p.duration)
      return p.arrivalRate + ((p.rampTo ?? p.arrivalRate) - p.arrivalRate) * ((t - from) / p.duration);
    from += p.duration;
  }
  const last = list[list.length - 1];
  return last?.rampTo ?? last?.arrivalRate ?? 0;
}

function segment(shape: Shape, from: number, to: number): Segment {
  const start = shape.rate(from);
  // The rate just before the next stage: a jump at `to` belongs to the next segment.
  const end = shape.rate(to - 1e-6);
  const worst = { at: from, error: 0 };
  const step = Math.max(1, Math.floor((to - from) / 200));
  for (let t = from + step; t < to; t += step) {
    const error = Math.abs(shape.rate(t) - (start + ((end - start) * (t - from)) / (to - from)));
    if (error > worst.error) {
      worst.at = t;
      worst.error = error;
    }
  }
  return { from, to, start, end, worst };
}

/** Three decimals: a thousandth of a session per second is below what either engine can schedule. */
function round(rate: number): number {
  return Math.round(rate * 1000) / 1000;
}
