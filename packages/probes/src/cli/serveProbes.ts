import { createServer, type Server } from 'node:http';
import { type CareMetrics, careMetricsHandler, createCareMetrics } from '@hartslag/metrics';
import type { ProbeConfig } from '../config/ProbeSpec.js';
import { ProbeListenError } from '../errors.js';
import { ProbeRunner } from '../run/ProbeRunner.js';

export interface ServeProbesOptions {
  host: string;
  /** 0: the system chooses; the chosen port is in `url`. */
  port: number;
}

export interface RunningProbes {
  /** `http://host:port`, the port the server really listens on. */
  url: string;
  runner: ProbeRunner;
  metrics: CareMetrics;
  /** Stops the schedules, waits for runs in flight, closes the server (open scrapes too). */
  stop(): Promise<void>;
}

/**
 * Starts a config's probes and serves `/metrics` (their calls, Prometheus text) and `/healthz`.
 * The server listens before the first probe runs, so a taken port fails without probing anyone.
 */
export async function serveProbes(config: ProbeConfig, options: ServeProbesOptions): Promise<RunningProbes> {
  const metrics = createCareMetrics({ service: config.service });
  const runner = new ProbeRunner(config.probes, { metrics });
  const handler = careMetricsHandler(metrics);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') handler(req, res);
    else if (path === '/healthz') {
      const { runs, finished, skipped } = runner.stats();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify({ status: 'ok', probes: config.probes.length, runs, finished, skipped })}\n`);
    } else res.writeHead(404, { 'content-type': 'text/plain' }).end('see /metrics and /healthz\n');
  });
  await listen(server, options);
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  runner.start();
  return {
    url: `http://${host}:${port}`,
    runner,
    metrics,
    async stop() {
      await runner.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Prometheus keeps its scrape connection open; close() alone would wait for it.
        server.closeAllConnections();
      });
    },
  };
}

function listen(server: Server, { host, port }: ServeProbesOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new ProbeListenError(host, port, err)));
    server.listen(port, host, () => resolve());
  });
}
