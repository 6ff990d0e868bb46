import { LoadtestDriverError } from './errors.js';

/** The reference platform's default admin token (`x-admin-token`). */
export const DEFAULT_ADMIN_TOKEN = 'reference-admin';

/** Faults the reference platform injects; `{}` clears them. */
export interface Faults {
  errorRatio?: number;
  latencyMs?: number;
  stall?: boolean;
  downstreamDown?: boolean;
  /** Limit the fault to these operations, e.g. `['fetch-medication-history']`. */
  operations?: string[];
}

/** The message queue as the service counts it: `accepted == delivered` and `duplicates == 0` once drained. */
export interface QueueState {
  accepted: number;
  delivered: number;
  duplicates: number;
  backlog: number;
}

/** Replaces the service's faults (PUT /admin/faults). */
export async function setFaults(target: string, faults: Faults, adminToken = DEFAULT_ADMIN_TOKEN): Promise<void> {
  await admin(target, 'PUT', '/admin/faults', adminToken, faults);
}

/** Reads the message queue counters (GET /admin/queue). */
export async function getQueue(target: string, adminToken = DEFAULT_ADMIN_TOKEN): Promise<QueueState> {
  return (await admin(target, 'GET', '/admin/queue', adminToken)) as QueueState;
}

async function admin(target: string, method: string, path: string, token: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${target}${path}`, {
      method,
      headers: { 'x-admin-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw adminError(method, path, target, `the request failed (${String(cause)})`, cause);
  }
  const text = await res.text();
  if (!res.ok) throw adminError(method, path, target, `HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text === '' ? undefined : JSON.parse(text);
}

function adminError(method: string, path: string, target: string, why: string, cause?: unknown) {
  return new LoadtestDriverError(
    'HARTSLAG_ERR_LOADTEST_ADMIN_REQUEST',
    `${method} ${target}${path}: ${why}. Check that the reference platform runs at ${target} and that the admin ` +
      'token matches its --admin-token (default "reference-admin").',
    { cause },
  );
}

/**
 * Queues `count` messages in one transaction (POST /admin/queue/fill): a backlog for a drain
 * measurement in seconds instead of minutes. These messages skip the HTTP path, so they prove the
 * drain, not the acknowledgement.
 */
export async function bulkFill(target: string, count: number, adminToken = DEFAULT_ADMIN_TOKEN): Promise<QueueState> {
  return (await admin(target, 'POST', '/admin/queue/fill', adminToken, { count })) as QueueState;
}
