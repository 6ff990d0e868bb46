import { describeValue, readProperty } from '../aggregate/labelValue.js';
import type { InstrumentationErrorReason } from '../contract/names.js';
import type { Outcome } from '../contract/outcomes.js';
import type { Duration, LabelValue } from './LabelValue.js';

export interface CallEnd {
  outcome?: Outcome;
  code?: LabelValue;
}

/**
 * What a timer reports its call to: the OperationHandle that started it. Declared here so that
 * the timer needs nothing of the handle (which creates timers) beyond these two methods.
 */
export interface CallRecorder {
  record(outcome: Outcome, seconds?: Duration, code?: LabelValue, tenant?: LabelValue, vendor?: LabelValue): void;
  reject(reason: InstrumentationErrorReason, message: () => string): void;
}

/** A started call. `end()` records it once; later calls to `end()` are ignored. */
export class CallTimer {
  private done = false;

  constructor(
    private readonly handle: CallRecorder,
    private readonly startedAt: number,
    private readonly tenant: unknown,
    private readonly vendor: unknown,
  ) {}

  /**
   * Records the call and returns its duration in seconds. Outcome defaults to success. Never
   * throws (unless `strict`): `result` is read once, each property inside a guard.
   */
  end(result?: CallEnd): number {
    const seconds = (performance.now() - this.startedAt) / 1000;
    if (this.done) return seconds;
    this.done = true;
    let outcome: unknown = 'success';
    let code: unknown;
    if (result !== undefined) {
      if (result === null || typeof result !== 'object') {
        this.handle.reject('input', () => `end() takes { outcome, code } or nothing, got ${describeValue(result)}`);
        return seconds;
      }
      const o = readProperty(result, 'outcome');
      if (o !== undefined) outcome = o;
      code = readProperty(result, 'code');
    }
    this.handle.record(
      outcome as Outcome,
      seconds,
      code as LabelValue,
      this.tenant as LabelValue,
      this.vendor as LabelValue,
    );
    return seconds;
  }
}
