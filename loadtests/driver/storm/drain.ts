import { getQueue, type QueueState } from '../admin.js';
import { LoadtestDriverError } from '../errors.js';
import { formatStageDrain, type StageDrain, stageDrain } from './stageDrain.js';

/**
 * Resolves with the seconds until every message queued before the kill is delivered: the
 * delivered count reaches what was accepted before the restart, or the backlog is empty.
 */
export async function waitForDrain(url: string, accepted: number, since: number, timeoutMs: number): Promise<number> {
  for (;;) {
    const q = await getQueue(url);
    if (q.backlog === 0 || q.delivered >= accepted) return (performance.now() - since) / 1000;
    if (performance.now() - since > timeoutMs) throw drainTimeout(url, q, timeoutMs, await stagesOf(url));
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The queue once every message, the storm's own included, is delivered. */
export async function settle(url: string, timeoutMs: number): Promise<QueueState> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const q = await getQueue(url);
    if (q.backlog === 0 && q.delivered >= q.accepted) return q;
    if (performance.now() > until) throw drainTimeout(url, q, timeoutMs, await stagesOf(url));
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The service's pipeline stages, or none when it records none (or its /metrics cannot be read). */
async function stagesOf(url: string): Promise<StageDrain[]> {
  return stageDrain(url, 1000).catch(() => []);
}

function drainTimeout(url: string, q: QueueState, timeoutMs: number, stages: readonly StageDrain[]) {
  const stalled = stages.filter((s) => s.stalled).map((s) => `${s.stage} (${s.pipeline})`);
  return new LoadtestDriverError(
    'HARTSLAG_ERR_LOADTEST_DRAIN_TIMEOUT',
    `The backlog at ${url} did not drain within ${timeoutMs} ms (accepted ${q.accepted}, delivered ${q.delivered}, ` +
      `backlog ${q.backlog}). ${stalled.length > 0 ? `Stalled: ${stalled.join(', ')}. ` : ''}` +
      'Check that the downstream is up (GET /admin/faults) and that workers run; ' +
      `for a large backlog raise drainTimeoutMs or --workers.${stages.length > 0 ? `\n${formatStageDrain(stages)}` : ''}`,
  );
}
