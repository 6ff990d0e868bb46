export interface EnqueueOptions {
  /** Messages to send (at most). */
  count: number;
  /** Requests in flight at once (default 64). */
  concurrency?: number;
  /** Care providers who log in and send; messages go round-robin among them (default 20). */
  senders?: number;
  /** Stops sending; requests already in flight still count if they are acknowledged. */
  signal?: AbortSignal;
}

export interface EnqueueResult {
  /** Messages the service acknowledged with 202 (and therefore must deliver, whatever happens next). */
  acknowledged: number;
  /** Distinct message ids among the acknowledged ones: must equal `acknowledged`. */
  distinctIds: number;
  /** Requests that got no 202: refused, reset by a kill, or answered with an error. */
  failed: number;
  seconds: number;
}

/**
 * Posts messages through POST /messages in a tight loop, the way a queue fills while the
 * downstream is down — but faster than virtual users would, so a smoke run reaches its backlog
 * in seconds. Every 202 is a promise the service must keep.
 */
export async function enqueueMessages(target: string, options: EnqueueOptions): Promise<EnqueueResult> {
  const started = performance.now();
  const senders = options.senders ?? 20;
  const tokens: string[] = [];
  for (let i = 0; i < senders; i++) {
    const user = `provider-${String(i + 1).padStart(4, '0')}`;
    const tenant = `pharmacy-${String((i % 40) + 1).padStart(3, '0')}`;
    const res = await fetch(`${target}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, tenant }),
    });
    tokens.push(((await res.json()) as { token: string }).token);
  }
  const ids = new Set<string>();
  let acknowledged = 0;
  let next = 0;
  let failed = 0;
  const worker = async () => {
    for (let i = next++; i < options.count && !options.signal?.aborted; i = next++) {
      try {
        const res = await fetch(`${target}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % senders]}` },
          body: JSON.stringify({ to: `provider-${String((i % 3000) + 1).padStart(4, '0')}`, body: `backlog ${i}` }),
        });
        const body = await res.text();
        if (res.status !== 202) {
          failed++;
          continue;
        }
        ids.add((JSON.parse(body) as { id: string }).id);
        acknowledged += 1;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 64 }, worker));
  return { acknowledged, distinctIds: ids.size, failed, seconds: (performance.now() - started) / 1000 };
}
