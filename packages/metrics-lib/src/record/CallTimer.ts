import { describeValue, readProperty } from '../aggregate/labelValue.js';
import type { Outcome } from '../contract/outcomes.js';
import type { LabelValue, OperationHandle } from './OperationHandle.js';

export interface CallEnd {
  outcome?: Outcome;
  code?: LabelValue;
}

/** A started call. `end()` records it once; later calls to `end()` are ignored. */
export class CallTimer {
  private done = false;

  constructor(
    private readonly handle: OperationHandle,
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
