import { describeValue } from '../aggregate/labelValue.js';
import type { StageSlot } from '../aggregate/StageSlot.js';
import { OUTCOMES, type Outcome, outcomeIndex } from '../contract/outcomes.js';
import type { RecordSink } from './OperationHandle.js';

/** When a message was created: ms since the epoch (`Date.now()` of the sender), or a Date. */
export type MessageTime = number | Date;

/**
 * One stage of a pipeline: the hot path. `record` touches one counter, one histogram cell and,
 * with the message's own timestamp, one cell of the age histogram; it never throws (failures are
 * counted in care_instrumentation_errors_total, as recordCall's are).
 */
export class PipelineStage {
  constructor(
    private readonly slot: StageSlot,
    private readonly sink: RecordSink,
  ) {}

  get pipeline(): string {
    return this.slot.pipeline;
  }

  get stage(): string {
    return this.slot.stage;
  }

  /**
   * Records one message this stage finished with.
   * @param seconds time the stage spent on it; omit when unknown (the message is still counted).
   * @param sentAt when the message was created (its own timestamp, ms since epoch or a Date): on
   *   success its end-to-end age is observed. A timestamp ahead of this clock counts as age 0.
   */
  record(outcome: Outcome, seconds?: number, sentAt?: MessageTime): void {
    try {
      const o = typeof outcome === 'string' ? outcomeIndex(outcome) : -1;
      if (o < 0) {
        this.sink.reject(
          'outcome',
          () => `outcome must be one of ${OUTCOMES.join(', ')}; got ${describeValue(outcome)}`,
        );
        return;
      }
      const slot = this.slot;
      slot.calls[o]! += 1;
      if (seconds !== undefined) {
        // `>= 0` is false for NaN too.
        if (typeof seconds === 'number' && seconds >= 0 && seconds !== Infinity) slot.durations[o]!.observe(seconds);
        else this.badSeconds(seconds);
      }
      if (sentAt !== undefined && o === 0) {
        const t = typeof sentAt === 'number' ? sentAt : sentAt instanceof Date ? sentAt.getTime() : Number.NaN;
        if (Number.isFinite(t)) {
          // A sender's clock ahead of ours gives age 0, not a negative age.
          const age = Date.now() - t;
          slot.age.observe(age > 0 ? age / 1000 : 0);
        } else this.badTime(sentAt);
      }
    } catch (err) {
      this.sink.instrumentationError(err);
    }
  }

  /**
   * Reports the stage's queue: messages waiting for it and when the oldest of them was created
   * (ms since epoch or a Date; omit if unknown). Its age is computed at each scrape, so a stage
   * that stalls and reports nothing more still shows its oldest message getting older.
   */
  queue(depth: number, oldestSentAt?: MessageTime): void {
    try {
      if (typeof depth !== 'number' || !(depth >= 0) || depth === Infinity) {
        this.sink.reject('input', () => `queue depth must be a finite number >= 0, got ${describeValue(depth)}`);
        return;
      }
      this.slot.depth = depth;
      if (oldestSentAt === undefined || depth === 0) {
        this.slot.oldestAt = Number.NaN;
        return;
      }
      const t =
        typeof oldestSentAt === 'number'
          ? oldestSentAt
          : oldestSentAt instanceof Date
            ? oldestSentAt.getTime()
            : Number.NaN;
      if (Number.isFinite(t)) this.slot.oldestAt = t;
      else {
        this.slot.oldestAt = Number.NaN;
        this.badTime(oldestSentAt);
      }
    } catch (err) {
      this.sink.instrumentationError(err);
    }
  }

  private badSeconds(seconds: unknown): void {
    this.sink.reject(
      'duration',
      () =>
        `seconds must be a finite number >= 0, got ${typeof seconds === 'number' ? String(seconds) : describeValue(seconds)}; ` +
        'the message was counted without its duration',
    );
  }

  private badTime(sentAt: unknown): void {
    this.sink.reject(
      'duration',
      () =>
        `a message timestamp must be ms since the epoch (a finite number) or a valid Date, got ${describeValue(sentAt)}; ` +
        'the message was counted without its age',
    );
  }
}
