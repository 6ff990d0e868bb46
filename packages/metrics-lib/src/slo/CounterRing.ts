/**
 * Running call totals in a fixed ring of time slots, `slotSeconds` wide: a Prometheus counter
 * sampled once per slot. Each slot keeps the totals as of the last tick inside it, so the calls
 * in any run of whole slots are one subtraction, and history costs two Float64Arrays of `size`
 * however long the process runs. Float64 counts stay exact up to 2^53 calls.
 */
export class CounterRing {
  readonly totals: Float64Array;
  readonly bad: Float64Array;
  /** Absolute slot number (time / slotSeconds) of the first and the latest tick; NaN before the first. */
  private first = Number.NaN;
  private last = Number.NaN;
  private runningTotal = 0;
  private runningBad = 0;

  constructor(
    readonly slotSeconds: number,
    readonly size: number,
  ) {
    this.totals = new Float64Array(size);
    this.bad = new Float64Array(size);
  }

  /** Memory held, in bytes: constant from construction on. */
  get bytes(): number {
    return this.totals.byteLength + this.bad.byteLength;
  }

  slotOf(seconds: number): number {
    return Math.floor(seconds / this.slotSeconds);
  }

  /**
   * Counts calls seen at `seconds` (the tick's time). Slots skipped since the previous tick get
   * no calls. Times before the latest slot (a clock set back) count in the latest slot.
   */
  add(seconds: number, total: number, bad: number): void {
    const slot = this.slotOf(seconds);
    if (Number.isNaN(this.last)) {
      this.first = slot;
      this.last = slot;
    } else if (slot > this.last) {
      // Only the slots still in the ring need the carried totals, however long the gap.
      for (let s = Math.max(this.last + 1, slot - this.size + 1); s < slot; s++) this.write(s);
      this.last = slot;
    }
    this.runningTotal += total;
    this.runningBad += bad;
    this.write(this.last);
  }

  /** The latest slot written; NaN before the first tick. */
  get latest(): number {
    return this.last;
  }

  /** Whether slot `s` lies after counting began and is still in the ring. */
  holds(s: number): boolean {
    return s >= this.first && s <= this.last && s > this.last - this.size;
  }

  /**
   * Calls in the `slots` slots ending with slot `end`; undefined when part of that span was
   * overwritten. Slots before the first tick count as empty, as a counter that did not exist yet.
   */
  calls(end: number, slots: number): { total: number; bad: number } | undefined {
    const oldest = this.last - this.size + 1;
    if (!(end <= this.last) || end < oldest) return undefined;
    if (end < this.first) return { total: 0, bad: 0 };
    const e = this.index(end);
    const base = end - slots;
    if (base < this.first) return { total: this.totals[e]!, bad: this.bad[e]! };
    if (base < oldest) return undefined;
    const b = this.index(base);
    return { total: this.totals[e]! - this.totals[b]!, bad: this.bad[e]! - this.bad[b]! };
  }

  private write(s: number): void {
    const i = this.index(s);
    this.totals[i] = this.runningTotal;
    this.bad[i] = this.runningBad;
  }

  private index(s: number): number {
    return ((s % this.size) + this.size) % this.size;
  }
}
