import {
  CARE_CALLS,
  type CareOperation,
  fillPlaceholders,
  LOGIN_CALL,
  PROVIDER_COUNT,
  providerId,
} from '@hartslag/scenarios';
import type { PlannedCall } from './plan.js';

/** How a call ended, as the caller saw it. */
export type CallResult = 'ok' | 'denied' | 'failed' | 'hung-up';

/** Calls so far, by how they ended. */
export interface TrafficCounts {
  total: number;
  ok: number;
  denied: number;
  failed: number;
  /** The platform closed the connection without an answer (its deadline during a stall). */
  hungUp: number;
}

export interface TrafficClientOptions {
  baseUrl: string;
  /** A token for a tenant whose contract ended while its token lives (the platform's `issueToken`). */
  issueToken(user: string, tenant: string): string;
  /**
   * The caller's own deadline, ms. Longer than the platform's, so a stall ends with the platform
   * hanging up (outcome `timeout`, which burns the budget), not with the caller giving up.
   */
  timeoutMs: number;
  random?: () => number;
  /** Told of every care call answered with success, with the simulated minute it belongs to. */
  onAnswered?: (minute: number) => void;
}

interface Session {
  token: string;
  day: number;
}

/**
 * Care providers' systems calling the platform over real HTTP: a provider logs in for its pharmacy
 * once a simulated day (so logins peak when pharmacies open), then calls with its token.
 */
export class TrafficClient {
  readonly counts: TrafficCounts = { total: 0, ok: 0, denied: 0, failed: 0, hungUp: 0 };
  private readonly sessions = new Map<string, Promise<Session | undefined>>();
  private readonly stop = new AbortController();
  private readonly random: () => number;
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly options: TrafficClientOptions) {
    this.random = options.random ?? Math.random;
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** Starts a call in the background; `day` is the simulated day (sessions end with it). */
  send(call: PlannedCall, day: number): void {
    const p = this.run(call, day).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Cancels every call under way and waits for them to settle. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(call: PlannedCall, day: number): Promise<void> {
    try {
      if (call.kind === 'denied-login') {
        const res = await this.login(call.provider, call.tenant);
        await res.arrayBuffer();
        this.count(res);
        return;
      }
      let token: string | undefined;
      if (call.kind === 'denied-call') {
        token = this.options.issueToken(call.provider, call.tenant);
      } else {
        token = (await this.session(call.provider, call.tenant, day))?.token;
        if (token === undefined) return;
      }
      const status = await this.request(call.operation, token);
      if (status === 401) this.sessions.delete(`${call.provider}@${call.tenant}`);
      this.count(status);
      if (call.kind === 'care' && classify(status) === 'ok') this.options.onAnswered?.(call.minute);
    } catch (err) {
      if (this.stop.signal.aborted) return;
      this.count(err);
    }
  }

  private session(provider: string, tenant: string, day: number): Promise<Session | undefined> {
    const key = `${provider}@${tenant}`;
    const known = this.sessions.get(key);
    const fresh = async (): Promise<Session | undefined> => {
      let res: Response;
      try {
        res = await this.login(provider, tenant);
      } catch (err) {
        if (!this.stop.signal.aborted) this.count(err);
        this.sessions.delete(key);
        return undefined;
      }
      this.count(res);
      try {
        if (res.status === 200) return { token: ((await res.json()) as { token: string }).token, day };
        await res.arrayBuffer();
      } catch {
        // The body was cut off: log in again on the next call.
      }
      this.sessions.delete(key);
      return undefined;
    };
    const next = (known ?? Promise.resolve(undefined)).then((s) => (s !== undefined && s.day === day ? s : fresh()));
    this.sessions.set(key, next);
    return next;
  }

  private login(user: string, tenant: string): Promise<Response> {
    return this.fetch(LOGIN_CALL.path, { method: LOGIN_CALL.method, body: fill(LOGIN_CALL.body, { user, tenant }) });
  }

  /** The catalogue's call for `operation` (the load tests make the same), with made-up patients and peers. */
  private async request(operation: CareOperation, token: string): Promise<number> {
    const n = Math.floor(this.random() * 1_000_000);
    const values = { patient: `p-${n}`, prescription: `rx-${n}`, peer: providerId((n % PROVIDER_COUNT) + 1) };
    const template = CARE_CALLS[operation];
    const res = await this.fetch(fillPlaceholders(template.path, values), {
      method: template.method,
      headers: { authorization: `Bearer ${token}` },
      body: fill(template.body, values),
    });
    // The body is read so the connection goes back to the pool.
    await res.arrayBuffer();
    return res.status;
  }

  private fetch(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<Response> {
    return fetch(`${this.options.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...init.headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.options.timeoutMs)]),
    });
  }

  private count(result: Response | number | unknown): void {
    this.counts.total++;
    const kind = classify(result);
    if (kind === 'hung-up') this.counts.hungUp++;
    else this.counts[kind]++;
  }
}

/** A status (or the response carrying it) by who is at fault; anything thrown is a hang-up. */
export function classify(result: Response | number | unknown): CallResult {
  const status = result instanceof Response ? result.status : typeof result === 'number' ? result : undefined;
  if (status === undefined) return 'hung-up';
  if (status < 400) return 'ok';
  if (status === 401 || status === 403 || status === 429) return 'denied';
  return 'failed';
}

/** A template's JSON body with its placeholders filled, or none. */
function fill(
  body: Readonly<Record<string, string>> | undefined,
  values: Readonly<Record<string, string>>,
): Record<string, string> | undefined {
  return body === undefined
    ? undefined
    : Object.fromEntries(Object.entries(body).map(([k, v]) => [k, fillPlaceholders(v, values)]));
}
