import type { Outcome } from '../contract/outcomes.js';

/**
 * The outcome of an HTTP response, shared by the fastify and Node http/express adapters so a
 * status means the same thing whichever server produced it.
 *
 * | status                   | outcome        |
 * | ------------------------ | -------------- |
 * | 1xx, 2xx, 3xx            | `success`      |
 * | 401, 403, 429            | `denied`       |
 * | 408, 504                 | `timeout`      |
 * | other 4xx                | `client_error` |
 * | 5xx (but 504), and other | `server_error` |
 *
 * Only `server_error` and `timeout` burn the downtime budget (BUDGET_BURNING_OUTCOMES), so the
 * split follows who is at fault. 401/403 are the platform working as intended on a caller without
 * a contract or credentials, and 429 is a tenant being refused its excess, not the platform
 * failing: counting either as an error would let one misconfigured pharmacy system page the
 * on-call engineer. 408 and 504 mean a deadline passed, which the SLO tracks apart from failures
 * (a gateway 504 is usually our slow upstream, not the caller). A redirect is a served request.
 * A status outside 100–599 is a server bug, so it is charged to the server.
 */
export function outcomeOfHttpStatus(status: number): Outcome {
  if (status >= 100 && status < 400) return 'success';
  if (status >= 400 && status < 500) {
    switch (status) {
      case 401:
      case 403:
      case 429:
        return 'denied';
      case 408:
        return 'timeout';
      default:
        return 'client_error';
    }
  }
  return status === 504 ? 'timeout' : 'server_error';
}
