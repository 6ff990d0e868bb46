import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, Process, waitFor } from '@hartslag/common/process';
import { requireTool } from './requireTool.js';

/** An alert as Prometheus posts it to Alertmanager's `POST /api/v2/alerts`. */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  /** RFC 3339. */
  startsAt?: string;
  /** RFC 3339; a time in the past resolves the alert. */
  endsAt?: string;
}

export interface RunningAlertmanager {
  url: string;
  /** Posts alerts through the v2 API, as Prometheus does; fails on anything but 200. */
  postAlerts(alerts: readonly PostableAlert[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the real Alertmanager (Debian's `prometheus-alertmanager`) on 127.0.0.1 with `config`
 * (alertmanager.yml text) and throw-away storage. Clustering is off: a lone instance would
 * otherwise wait for peers to settle before it sends any notification.
 */
export async function startAlertmanager(config: string): Promise<RunningAlertmanager> {
  requireTool('prometheus-alertmanager');
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-alertmanager-'));
  const port = await freePort();
  writeFileSync(join(dir, 'alertmanager.yml'), config);
  const proc = new Process('prometheus-alertmanager', [
    `--config.file=${join(dir, 'alertmanager.yml')}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'Alertmanager to be ready',
      async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
      20_000,
      proc,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    async postAlerts(alerts) {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!res.ok)
        throw new Error(`Alertmanager refused the alerts: ${res.status} ${await res.text()}\n${proc.output}`);
    },
    stop,
  };
}

/** Runs the real `amtool check-config` on an Alertmanager configuration file. */
export function amtoolCheckConfig(file: string): { ok: boolean; output: string } {
  requireTool('amtool');
  const r = spawnSync('amtool', ['check-config', file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/** The receiver(s) the real `amtool config routes test` picks for an alert with `labels`. */
export function amtoolRoutes(file: string, labels: Record<string, string>): string[] {
  requireTool('amtool');
  const args = [
    'config',
    'routes',
    'test',
    `--config.file=${file}`,
    ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
  ];
  const r = spawnSync('amtool', args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`amtool ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return r.stdout
    .trim()
    .split(',')
    .filter((name) => name !== '');
}
