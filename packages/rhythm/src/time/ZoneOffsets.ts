import { DAY_MS } from './units.js';
import { startOffset, transitionIn } from './zone.js';

/** What to do with a wall-clock time that a spring-forward skipped (02:30 on 2026-03-29 in Amsterdam). */
export type GapRule = 'skip' | 'later';

/**
 * The offsets of one zone over a range of instants, as a short list of constant-offset segments.
 * Built once per call (a handful of cached Intl answers), it then answers "offset at t" and "instant
 * of this wall-clock time" with plain arithmetic: the hot loops of fold and alignShift use it.
 */
export class ZoneOffsets {
  /** Segment i runs from starts[i] (inclusive) to starts[i + 1]; the first starts at -Infinity. */
  private readonly starts: number[];
  private readonly offsets: number[];
  private last = 0;

  private constructor(starts: number[], offsets: number[]) {
    this.starts = starts;
    this.offsets = offsets;
  }

  /** Offsets valid from `from` to `to` (instants), with two days to spare on each side. */
  static covering(timeZone: string, from: number, to: number): ZoneOffsets {
    const first = Math.floor(from / DAY_MS) - 2;
    const lastDay = Math.floor(to / DAY_MS) + 2;
    const starts = [Number.NEGATIVE_INFINITY];
    const offsets = [startOffset(timeZone, first)];
    for (let day = first; day <= lastDay; day++) {
      const change = transitionIn(timeZone, day);
      if (!Number.isNaN(change)) {
        starts.push(change);
        offsets.push(startOffset(timeZone, day + 1));
      }
    }
    return new ZoneOffsets(starts, offsets);
  }

  offsetAt(t: number): number {
    const starts = this.starts;
    const n = starts.length;
    let i = this.last;
    // Points mostly arrive in time order: the segment of the previous point almost always fits.
    if (t >= starts[i]! && (i + 1 === n || t < starts[i + 1]!)) return this.offsets[i]!;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    this.last = i = lo;
    return this.offsets[i]!;
  }

  /**
   * The instant at which the local wall clock reads `wall` (a local time written as if it were UTC).
   * In a repeated hour, the occurrence with UTC offset `preferOffset` if there is one, else the
   * earlier (or later) one; in a skipped hour, NaN (`skip`) or the time pushed forward by the length
   * of the gap (`later`, as Temporal's `disambiguation: 'compatible'`).
   */
  instantOf(wall: number, gap: GapRule, preferOffset = Number.NaN, ambiguous: 'earlier' | 'later' = 'earlier'): number {
    const { starts, offsets } = this;
    const n = starts.length;
    let found = Number.NaN;
    for (let i = 0; i < n; i++) {
      const t = wall - offsets[i]!;
      if (t >= starts[i]! && (i + 1 === n || t < starts[i + 1]!)) {
        if (offsets[i] === preferOffset) return t;
        if (Number.isNaN(found) || ambiguous === 'later') found = t;
      }
    }
    if (!Number.isNaN(found) || gap === 'skip') return found;
    for (let i = 1; i < n; i++) {
      const before = offsets[i - 1]!;
      const after = offsets[i]!;
      const change = starts[i]!;
      if (after > before && wall >= change + before && wall < change + after) return wall - before;
    }
    return Number.NaN;
  }
}
