/**
 * A fixed-rate schedule: runs at `phase + k·interval` ms since the epoch. Due times never move with
 * how late a run started or how long it took (no drift), and runs missed while the process was
 * blocked are skipped and counted, never made up in a burst that would hit a recovering target.
 */
export class FixedRate {
  /** The next due time, ms since the epoch. */
  due: number;

  constructor(
    readonly intervalMs: number,
    readonly phaseMs: number,
    now: number,
  ) {
    this.due = FixedRate.firstAtOrAfter(now, intervalMs, phaseMs);
  }

  /** The first `phase + k·interval` at or after `now`. */
  static firstAtOrAfter(now: number, intervalMs: number, phaseMs: number): number {
    const k = Math.ceil((now - phaseMs) / intervalMs);
    return phaseMs + k * intervalMs;
  }

  /** Moves past the run that fired at `now`; returns how many due times were skipped (missed). */
  advance(now: number): number {
    const next = FixedRate.firstAtOrAfter(now, this.intervalMs, this.phaseMs);
    // `next` may equal now when the timer fired exactly on a later due time; that one runs next.
    const target = next <= this.due ? this.due + this.intervalMs : next === now ? next + this.intervalMs : next;
    const skipped = Math.max(0, Math.round((target - this.due) / this.intervalMs) - 1);
    this.due = target;
    return skipped;
  }
}

/**
 * Where in its interval a probe runs, from its name: spreads many probes of one interval evenly
 * (no thundering herd at :00 and :30), and keeps each probe's phase across restarts.
 */
export function phaseOf(name: string, intervalMs: number): number {
  // FNV-1a, 32 bits: stable across Node versions, unlike any built-in hash.
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // MurmurHash3's finaliser: FNV leaves names that differ in their last character (target-1,
  // target-2) close in the high bits, which would bunch them in one part of the interval.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return Math.floor((h / 0x1_0000_0000) * intervalMs);
}
