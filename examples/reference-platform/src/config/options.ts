import { PlatformError } from '../PlatformError.js';

export interface ReferencePlatformOptions {
  /** Folder of the message queue database; the same folder after a restart keeps the backlog. */
  dataDir: string;
  /** Value of the `x-admin-token` header for /admin. Default "reference-admin". */
  adminToken?: string;
  /** Concurrent message deliveries. Default 4. */
  workers?: number;
  /** Time the downstream takes per message, in ms. Default 5. */
  deliveryMs?: number;
  /** Multiplies the simulated service times; 0 answers at once (tests). Default 1. */
  latencyScale?: number;
  /** Seed of the latency and error draws. Default 1. */
  seed?: number;
  /** Most messages a worker delivers per transaction. Default 256. */
  batchSize?: number;
  /**
   * Hang up on a call that has sent nothing back for this long, in ms (fastify's
   * `connectionTimeout`): the platform gives up as a gateway's deadline would, and the call is
   * recorded as outcome `timeout`, which burns the downtime budget. A client that gives up first
   * is recorded as `client_error` (its choice), so stalls only show in the SLOs with a deadline
   * here. Default 0: no deadline.
   */
  callTimeoutMs?: number;
  /** Listen on this port (0: any free one) and set `url`. Default: do not listen. */
  port?: number;
  /** Host to listen on with `port`. Default 127.0.0.1. */
  host?: string;
  /**
   * Append one JSON line per care call to this file (time, tenant, vendor, operation, status,
   * code, ms), as a service whose code cannot link @hartslag/metrics would: the log
   * hartslag-logwatch turns into the same series (packages/logwatch/examples/reference-platform.yaml).
   * Default: no access log.
   */
  accessLog?: string;
}

export type ResolvedOptions = Required<Omit<ReferencePlatformOptions, 'port' | 'accessLog'>> & {
  port: number | undefined;
  accessLog: string | undefined;
};

/** Checks every option at once, naming each bad field. */
export function resolveOptions(options: ReferencePlatformOptions): ResolvedOptions {
  const o = (options ?? {}) as Partial<ReferencePlatformOptions>;
  const problems: string[] = [];
  const num = (field: keyof ReferencePlatformOptions, fallback: number, ok: (n: number) => boolean, rule: string) => {
    const v = o[field];
    if (v === undefined) return fallback;
    if (typeof v === 'number' && ok(v)) return v;
    problems.push(`${field} must be ${rule}, got ${JSON.stringify(v)}`);
    return fallback;
  };
  const str = (field: 'dataDir' | 'adminToken' | 'host' | 'accessLog', fallback: string | undefined) => {
    const v = o[field];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'string' && v.trim() !== '') return v;
    problems.push(`${field} must be a non-empty string, got ${JSON.stringify(v)}`);
    return '';
  };
  const resolved: ResolvedOptions = {
    dataDir: str('dataDir', undefined),
    adminToken: str('adminToken', 'reference-admin'),
    host: str('host', '127.0.0.1'),
    workers: num('workers', 4, (n) => Number.isInteger(n) && n >= 1 && n <= 256, 'an integer from 1 to 256'),
    deliveryMs: num('deliveryMs', 5, (n) => Number.isFinite(n) && n >= 0, 'a number >= 0'),
    latencyScale: num('latencyScale', 1, (n) => Number.isFinite(n) && n >= 0, 'a number >= 0'),
    seed: num('seed', 1, Number.isInteger, 'an integer'),
    batchSize: num('batchSize', 256, (n) => Number.isInteger(n) && n >= 1, 'an integer >= 1'),
    callTimeoutMs: num('callTimeoutMs', 0, (n) => Number.isInteger(n) && n >= 0, 'an integer >= 0 (0: no deadline)'),
    port:
      o.port === undefined
        ? undefined
        : num('port', 0, (n) => Number.isInteger(n) && n >= 0 && n < 65536, 'a port from 0 to 65535'),
    accessLog: o.accessLog === undefined ? undefined : str('accessLog', undefined),
  };
  if (problems.length > 0) {
    throw new PlatformError(
      'HARTSLAG_ERR_PLATFORM_OPTIONS',
      `invalid reference platform options:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return resolved;
}
