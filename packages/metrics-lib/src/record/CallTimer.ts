import type { Outcome } from '../contract/outcomes.js';
import type { OperationHandle } from './OperationHandle.js';

export interface CallEnd {
  outcome?: Outcome;
  code?: string | number;
}

/** A started call. `end()` records it once; later calls to `end()` are ignored. */
export class CallTimer {
  private done = false;

  constructor(
    private readonly handle: OperationHandle,
    private readonly startedAt: number,
    private readonly tenant: string | undefined,
    private readonly vendor: string | undefined,
  ) {}

  /** Records the call and returns its duration in seconds. Outcome defaults to success. */
  end(result?: CallEnd): number {
    const seconds = (performance.now() - this.startedAt) / 1000;
    if (this.done) return seconds;
    this.done = true;
    this.handle.record(result?.outcome ?? 'success', seconds, result?.code, this.tenant, this.vendor);
    return seconds;
  }
}
