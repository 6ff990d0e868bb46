import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCareMetrics, createSloEvaluator, type SloObjective } from '@hartslag/metrics';
import {
  freePort,
  type RunningHaproxy,
  type RunningPostgres,
  startHaproxy,
  startPostgres,
  waitFor,
} from '@hartslag/testkit';
import { Registry } from 'prom-client';
import { hashToken } from '../../src/auth/tokens.js';

/**
 * The tested topology (README "Replicas"): `hartslag-status serve` processes on one PostgreSQL
 * behind haproxy, reading a service's /metrics with its in-process SLO evaluator. Shared by the
 * replica test and the bench.
 */

export const OPS_TOKEN = 'replica-ops-token-0123456789abcdefghijklmnopq';
const BIN = fileURLToPath(new URL('../../bin/hartslag-status.mjs', import.meta.url));
const SLO = 'fetch-medication-history';
const OBJECTIVES: SloObjective[] = [{ name: SLO, operation: SLO, objective: 0.999, window: 30 * 86_400 }];

/** A real instrumented service's /metrics, with a healthy morning of calls recorded. */
async function metricsService(): Promise<{ url: string; close: () => Promise<void> }> {
  const registry = new Registry();
  const metrics = createCareMetrics({ service: 'medication-history', registry });
  const evaluator = createSloEvaluator(metrics, OBJECTIVES, { autoStart: false });
  for (let i = 0; i < 500; i++) metrics.recordCall({ operation: SLO, outcome: 'success', code: 200 });
  evaluator.tick();
  const server: Server = createServer((_req, res) => {
    void registry.metrics().then((text) => {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    close: async () => {
      evaluator.close();
      await new Promise((r) => server.close(r));
    },
  };
}

function configText(sourceUrl: string, port: number): string {
  return `apiVersion: hartslag.status/v1
page:
  name: Apotheek Datahub
  timeZone: Europe/Amsterdam
source:
  kind: scrape
  url: ${sourceUrl}
  refresh: 1s
  staleAfter: 3s
components:
  - id: medication-history
    name: Medicatiehistorie
    slos: [${SLO}]
tokens:
  - name: ops-team
    sha256: ${hashToken(OPS_TOKEN)}
    scopes: [incidents:write, maintenance:write, audit:read]
server:
  host: 127.0.0.1
  port: ${port}
  trustProxy: [127.0.0.1]
rateLimit:
  readsPerMinute: 1000000
  writesPerMinute: 600
`;
}

/** One `hartslag-status serve` process; `kill9` as a crashed host would, `start` again on its port. */
export class Replica {
  private child: ChildProcess | undefined;
  private log = '';
  readonly url: string;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly configFile: string,
    private readonly databaseUrl: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [BIN, 'serve', '--config', this.configFile], {
      env: { ...process.env, DATABASE_URL: this.databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await waitFor(
      `replica ${this.name} to be ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`replica ${this.name} exited:\n${this.log}`);
        return (await fetch(`${this.url}/readyz`)).ok ? true : undefined;
      },
      60_000,
    );
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  }

  get output(): string {
    return this.log;
  }
}

export interface Topology {
  postgres: RunningPostgres;
  replicas: Replica[];
  haproxy: RunningHaproxy;
  stop(): Promise<void>;
}

/** PostgreSQL, `count` replicas on it and haproxy in front, all on 127.0.0.1. */
export async function startTopology(count: number): Promise<Topology> {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-replicas-'));
  const stops: Array<() => Promise<void>> = [async () => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const postgres = await startPostgres();
    stops.push(() => postgres.stop());
    const metrics = await metricsService();
    stops.push(() => metrics.close());
    const replicas: Replica[] = [];
    for (let i = 1; i <= count; i++) {
      const port = await freePort();
      const file = join(dir, `status-${i}.yaml`);
      writeFileSync(file, configText(metrics.url, port));
      const replica = new Replica(`r${i}`, port, file, postgres.url);
      replicas.push(replica);
      stops.push(() => replica.stop());
    }
    // The first migrates; starting them at once also works (advisory lock), but costs CPU at once.
    for (const r of replicas) await r.start();
    const haproxy = await startHaproxy({ servers: replicas.map((r) => ({ name: r.name, port: r.port })) });
    stops.push(() => haproxy.stop());
    return { postgres, replicas, haproxy, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
