import { REJECT_REASONS, type RejectReason } from './names.js';

/** What one source has done, kept in the checkpoint so the counters resume too. */
export class SourceStats {
  linesRead = 0;
  linesParsed = 0;
  readonly rejected: Record<RejectReason, number> = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<
    RejectReason,
    number
  >;
  /** Seconds since the epoch of the last parsed line's own time (0: none yet). */
  lastLineTimestamp = 0;
  bytesRead = 0;

  toJSON(): Record<string, number> {
    const out: Record<string, number> = {
      linesRead: this.linesRead,
      linesParsed: this.linesParsed,
      lastLineTimestamp: this.lastLineTimestamp,
      bytesRead: this.bytesRead,
    };
    for (const r of REJECT_REASONS) out[`rejected_${r}`] = this.rejected[r];
    return out;
  }

  restore(v: Record<string, unknown> | undefined): void {
    if (v === undefined) return;
    const n = (k: string) => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? (v[k] as number) : 0);
    this.linesRead = n('linesRead');
    this.linesParsed = n('linesParsed');
    this.lastLineTimestamp = n('lastLineTimestamp');
    this.bytesRead = n('bytesRead');
    for (const r of REJECT_REASONS) this.rejected[r] = n(`rejected_${r}`);
  }
}
