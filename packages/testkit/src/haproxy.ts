import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, Process, waitFor } from '@hartslag/common/process';
import { requireTool } from './requireTool.js';

export interface HaproxyBackend {
  name: string;
  /** Default 127.0.0.1; a service name in a compose file. */
  host?: string;
  port: number;
}

export interface HaproxyOptions {
  servers: HaproxyBackend[];
  /** The address haproxy listens on. Default 127.0.0.1; `*` in a container. */
  bind?: string;
  /** The health check each server must pass (200) to get traffic. Default /readyz. */
  healthPath?: string;
  /**
   * Per client address over all servers, answered 429 by haproxy itself (a stick table); none:
   * no limit at the edge.
   */
  readsPerMinute?: number;
}

export interface RunningHaproxy {
  url: string;
  /** The configuration it runs, as a user would write it (ports filled in). */
  config: string;
  stop(): Promise<void>;
}

/**
 * The configuration of the tested topology: round robin over the servers, health checks every
 * 200 ms (a server that fails two is out, two passes bring it back), and failed attempts retried
 * on another server, so a server killed mid-request costs the client nothing but time.
 */
export function haproxyConfig(port: number, options: HaproxyOptions): string {
  const health = options.healthPath ?? '/readyz';
  const edgeLimit =
    options.readsPerMinute === undefined
      ? []
      : [
          '  stick-table type ipv6 size 1m expire 2m store http_req_rate(1m)',
          // Probes of the orchestrator come often and from few addresses, as in the replicas' own limit.
          '  http-request track-sc0 src unless { path /healthz /readyz }',
          `  http-request return status 429 content-type application/json hdr retry-after 60 string '{"error":"too many requests from this address; wait for Retry-After seconds","code":"HARTSLAG_ERR_HTTP_RATE_LIMITED","statusCode":429}' if { sc_http_req_rate(0) gt ${options.readsPerMinute} }`,
        ];
  // Servers by name (compose services) are found through Docker's DNS, again after a container
  // restarts with a new address; until then a server is out rather than haproxy refusing to start.
  const byName = options.servers.some((s) => s.host !== undefined && isIP(s.host) === 0);
  const dns = byName ? ['resolvers docker', '  nameserver dns 127.0.0.11:53', '  hold valid 1s'] : [];
  const resolve = byName ? ' resolvers docker init-addr none' : '';
  return [
    'global',
    // Low enough for a default file-descriptor limit (haproxy needs about two per connection).
    '  maxconn 4000',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 30s',
    '  timeout server 10s',
    '  timeout http-request 10s',
    // A connection refused or reset before any answer (a killed server) is tried again, each time
    // on another server; a POST is retried only when nothing reached the server (conn-failure),
    // and a client's own retry is made safe by its Idempotency-Key.
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout 502 503 504',
    ...dns,
    'frontend status',
    `  bind ${options.bind ?? '127.0.0.1'}:${port}`,
    '  option forwardfor',
    ...edgeLimit,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    `  option httpchk GET ${health}`,
    '  http-check expect status 200',
    `  default-server inter 200ms fall 2 rise 2 on-marked-down shutdown-sessions${resolve}`,
    ...options.servers.map((s) => `  server ${s.name} ${s.host ?? '127.0.0.1'}:${s.port} check`),
    '',
  ].join('\n');
}

/** Starts the real haproxy (Debian's `haproxy`) on 127.0.0.1 in front of the given servers. */
export async function startHaproxy(options: HaproxyOptions): Promise<RunningHaproxy> {
  requireTool('haproxy');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  const config = haproxyConfig(port, options);
  writeFileSync(file, config);
  // -db: stay in the foreground, so stopping the Process stops haproxy.
  const proc = new Process('haproxy', ['-db', '-f', file]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'haproxy to accept connections',
      async () => ((await fetch(`${url}/healthz`)).status > 0 ? true : undefined),
      20_000,
      proc,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, config, stop };
}
