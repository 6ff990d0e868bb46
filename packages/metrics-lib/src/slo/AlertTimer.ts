/**
 * An alerting rule's `for` clause, as Prometheus keeps it: pending from the first evaluation that
 * finds the condition true, firing once it has been true at every evaluation for `holdSeconds`,
 * and forgotten at the first evaluation that finds it false. `holdSeconds` 0 fires at once.
 */
export class AlertTimer {
  /** When the condition was first found true (ms), undefined while it is false. */
  activeSince: number | undefined = undefined;

  constructor(readonly holdSeconds: number) {}

  update(condition: boolean, nowMs: number): 'pending' | 'firing' | undefined {
    if (!condition) {
      this.activeSince = undefined;
      return undefined;
    }
    this.activeSince ??= nowMs;
    return nowMs - this.activeSince >= this.holdSeconds * 1000 ? 'firing' : 'pending';
  }

  reset(): void {
    this.activeSince = undefined;
  }
}
