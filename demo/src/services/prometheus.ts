import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, Process, waitFor } from '@hartslag/common/process';
import type { MetricRelabelConfig } from '@hartslag/slo';
import type { DemoPaths } from '../config/paths.js';
import { DemoError } from '../errors.js';

/** Within the 30 s the generated rules' 1-minute windows need (packages/slo README). */
export const SCRAPE_SECONDS = 5;

const READY_MS = 30_000;

export interface RunningPrometheus {
  url: string;
  /** The alerts page: `/alerts`, or `/classic/alerts` where only the classic UI is built in (Debian's package). */
  alertsUrl: string;
  stop(): Promise<void>;
}

async function alertsPage(url: string): Promise<string> {
  for (const candidate of [`${url}/alerts`, `${url}/classic/alerts`]) {
    const res = await fetch(candidate).catch(() => undefined);
    await res?.arrayBuffer();
    if (res?.ok) return candidate;
  }
  return `${url}/alerts`;
}

/**
 * The scrape configuration. The platform labels every series `service="reference-platform"`;
 * the specs split its operations into two services, so the scrape relabels `service` by
 * operation (`serviceRelabelling` of @hartslag/slo) and the generated rules find their series.
 */
export function prometheusConfig(
  platformTarget: string,
  rulesFile: string,
  relabel: readonly MetricRelabelConfig[],
  logwatchTarget?: string,
): string {
  const lines = relabel.flatMap((r) => [
    `      - source_labels: [${r.source_labels.join(', ')}]`,
    `        regex: ${JSON.stringify(r.regex)}`,
    `        target_label: ${r.target_label}`,
    `        replacement: ${r.replacement}`,
  ]);
  return [
    '# Written by the Hartslag demo at start (demo/src/services/prometheus.ts); rewritten every run.',
    'global:',
    `  scrape_interval: ${SCRAPE_SECONDS}s`,
    `  evaluation_interval: ${SCRAPE_SECONDS}s`,
    'rule_files:',
    `  - ${JSON.stringify(rulesFile)}`,
    'scrape_configs:',
    '  - job_name: reference-platform',
    '    static_configs:',
    `      - targets: [${JSON.stringify(platformTarget)}]`,
    '    metric_relabel_configs:',
    ...lines,
    // The same calls read from the platform's access log; not relabelled, see services/logwatch.ts.
    ...(logwatchTarget === undefined
      ? []
      : ['  - job_name: logwatch', '    static_configs:', `      - targets: [${JSON.stringify(logwatchTarget)}]`]),
    '',
  ].join('\n');
}

/** Whether `prometheus` is on PATH (Debian's `prometheus` package). */
export function prometheusInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v prometheus'], { stdio: 'ignore' }).status === 0;
}

/**
 * Prometheus scraping the platform with the generated rules, its data under the demo's folder.
 * Resolves once /-/ready answers; throws HARTSLAG_ERR_DEMO_PROMETHEUS (with its log) otherwise.
 */
export async function startPrometheus(options: {
  paths: DemoPaths;
  port: number;
  platformPort: number;
  logwatchPort?: number;
  rules: string;
  relabel: readonly MetricRelabelConfig[];
}): Promise<RunningPrometheus> {
  const { paths } = options;
  mkdirSync(paths.prometheusData, { recursive: true });
  writeFileSync(paths.rules, options.rules);
  writeFileSync(
    paths.prometheusConfig,
    prometheusConfig(
      `127.0.0.1:${options.platformPort}`,
      path.relative(path.dirname(paths.prometheusConfig), paths.rules),
      options.relabel,
      options.logwatchPort === undefined ? undefined : `127.0.0.1:${options.logwatchPort}`,
    ),
  );
  const port = options.port === 0 ? await freePort() : options.port;
  const proc = new Process('prometheus', [
    `--config.file=${paths.prometheusConfig}`,
    `--storage.tsdb.path=${paths.prometheusData}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--storage.tsdb.retention.time=2d',
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'Prometheus to be ready',
      async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
      READY_MS,
      proc,
    );
  } catch (cause) {
    await proc.stop();
    throw new DemoError(
      'HARTSLAG_ERR_DEMO_PROMETHEUS',
      `Prometheus did not start on port ${port}: ${(cause as Error).message.slice(0, 2_000)}\n` +
        'Check the log above; pass --no-prometheus to run the demo without it.',
      { cause },
    );
  }
  return { url, alertsUrl: await alertsPage(url), stop: () => proc.stop() };
}
