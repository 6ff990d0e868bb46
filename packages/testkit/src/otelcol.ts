import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, Process, waitFor } from '@hartslag/common/process';
import { requireTool } from './requireTool.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BUILD_SCRIPT = join(REPO, 'scripts', 'build-go-tool.mjs');

/**
 * The path of a Go program of tools/ (`otelcol`, `record-service`), built by
 * scripts/build-go-tool.mjs when this source version has no binary in the cache yet. `pnpm test`
 * builds them before the tests start, so no test waits for Go.
 */
export function goToolBinary(name: 'otelcol' | 'record-service'): string {
  requireTool('go');
  const r = spawnSync(process.execPath, [BUILD_SCRIPT, name], { encoding: 'utf8' });
  const path = r.stdout?.trim();
  if (r.status !== 0 || !path) throw new Error(`cannot build tools/${name}: ${r.stderr}${r.error ?? ''}`);
  return path;
}

/** The Collector of tools/otelcol/: OTLP receiver, batch processor, Prometheus remote-write exporter. */
export const otelcolBinary = (): string => goToolBinary('otelcol');

export interface CollectorOptions {
  /** Prometheus remote-write endpoint, e.g. `http://127.0.0.1:9090/api/v1/write`. */
  remoteWrite: string;
}

/** The one Collector configuration, tools/otelcol/config.yaml: addresses from the environment. */
export const COLLECTOR_CONFIG = join(REPO, 'tools', 'otelcol', 'config.yaml');

/** The environment tools/otelcol/config.yaml reads, for a receiver address and a store. */
export function collectorEnv(o: { otlpHttpEndpoint: string; remoteWrite: string }): Record<string, string> {
  return { OTLP_HTTP_ENDPOINT: o.otlpHttpEndpoint, REMOTE_WRITE_URL: o.remoteWrite };
}

export interface RunningCollector {
  /** OTLP over HTTP, e.g. `http://127.0.0.1:4318/v1/metrics`. */
  otlpMetricsUrl: string;
  /** Stops the Collector and starts it again on the same port (what a deploy or a crash does). */
  restart(): Promise<void>;
  /** Stops the Collector but keeps its port and configuration for `start()`. */
  halt(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the OpenTelemetry Collector built in the repo on 127.0.0.1: OTLP/HTTP in, batched (200 ms),
 * Prometheus remote-write out with the exporter's own retries and queue.
 */
export async function startCollector(options: CollectorOptions): Promise<RunningCollector> {
  const binary = otelcolBinary();
  const port = await freePort();
  const env = collectorEnv({ otlpHttpEndpoint: `127.0.0.1:${port}`, remoteWrite: options.remoteWrite });
  const otlpMetricsUrl = `http://127.0.0.1:${port}/v1/metrics`;
  let proc: Process | undefined;

  const start = async () => {
    if (proc?.running) return;
    const p = new Process(binary, [`--config=${COLLECTOR_CONFIG}`], undefined, { ...process.env, ...env });
    proc = p;
    try {
      // The receiver answers a GET with 405 once it listens; there is no readiness endpoint
      // without the health-check extension, which the distribution leaves out.
      await waitFor(
        'the Collector to listen',
        async () => ((await fetch(otlpMetricsUrl)).status > 0 ? true : undefined),
        30_000,
        p,
      );
    } catch (err) {
      await p.stop();
      throw err;
    }
  };
  const halt = async () => {
    await proc?.stop();
  };
  const stop = halt;
  await start();
  return {
    otlpMetricsUrl,
    restart: async () => {
      await halt();
      await start();
    },
    halt,
    start,
    stop,
  };
}
