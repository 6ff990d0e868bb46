import { getQueue, type QueueState } from '../admin.js';
import { LoadtestDriverError } from '../errors.js';

/**
 * Resolves with the seconds until every message queued before the kill is delivered: the
 * delivered count reaches what was accepted before the restart, or the backlog is empty.
 */
export async function waitForDrain(url: string, accepted: number, since: number, timeoutMs: number): Promise<number> {
  for (;;) {
    const q = await getQueue(url);
    if (q.backlog === 0 || q.delivered >= accepted) return (performance.now() - since) / 1000;
    if (performance.now() - since > timeoutMs) throw drainTimeout(url, q, timeoutMs);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The queue once every message, the storm's own included, is delivered. */
export async function settle(url: string, timeoutMs: number): Promise<QueueState> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const q = await getQueue(url);
    if (q.backlog === 0 && q.delivered >= q.accepted) return q;
    if (performance.now() > until) throw drainTimeout(url, q, timeoutMs);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function drainTimeout(url: string, q: QueueState, timeoutMs: number) {
  return new LoadtestDriverError(
    'HARTSLAG_ERR_LOADTEST_DRAIN_TIMEOUT',
    `The backlog at ${url} did not drain within ${timeoutMs} ms (accepted ${q.accepted}, delivered ${q.delivered}, ` +
      `backlog ${q.backlog}). Check that the downstream is up (GET /admin/faults) and that workers run; ` +
      'for a large backlog raise drainTimeoutMs or --workers.',
  );
}
