import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.js';
import { Process, waitFor } from './Process.js';
import { requireTool } from './requireTool.js';

export interface ScrapeTarget {
  job: string;
  /** host:port */
  target: string;
  path?: string;
}

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export interface RunningPrometheus {
  url: string;
  /** Instant query through the HTTP API. */
  query(promql: string): Promise<PromSample[]>;
  /** Waits until `promql` returns at least one sample, then returns them. */
  waitForSeries(promql: string, ms?: number): Promise<PromSample[]>;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** Rule files (their YAML text), evaluated every second unless a group sets its own interval. */
  rules?: string[];
  /** Alertmanagers (host:port) to send firing and resolved alerts to. */
  alertmanagers?: string[];
  /**
   * History to load before start, in the OpenMetrics text format (`# EOF` last): written as TSDB
   * blocks by `promtool tsdb create-blocks-from openmetrics`, and kept (retention of 10 years)
   * however old it is.
   */
  backfill?: string;
}

/**
 * Starts the real Prometheus server (Debian's `prometheus`) on 127.0.0.1 with a throw-away TSDB,
 * scraping `targets` every second.
 */
export async function startPrometheus(
  targets: ScrapeTarget[],
  options: PrometheusOptions = {},
): Promise<RunningPrometheus> {
  requireTool('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-prometheus-'));
  const port = await freePort();
  const ruleFiles = (options.rules ?? []).map((text, i) => {
    const file = join(dir, `rules-${i}.yaml`);
    writeFileSync(file, text);
    return file;
  });
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    ...(ruleFiles.length > 0 ? ['rule_files:', ...ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)] : []),
    ...(options.alertmanagers?.length
      ? [
          'alerting:',
          '  alertmanagers:',
          '    - static_configs:',
          `        - targets: [${options.alertmanagers.map((a) => JSON.stringify(a)).join(', ')}]`,
        ]
      : []),
    'scrape_configs:',
    ...targets.flatMap((t) => [
      `  - job_name: ${JSON.stringify(t.job)}`,
      `    metrics_path: ${JSON.stringify(t.path ?? '/metrics')}`,
      '    static_configs:',
      `      - targets: [${JSON.stringify(t.target)}]`,
    ]),
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), `${config}\n`);
  if (options.backfill !== undefined) backfill(dir, options.backfill);
  const proc = new Process('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
    ...(options.backfill !== undefined ? ['--storage.tsdb.retention.time=3650d'] : []),
  ]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'Prometheus to be ready',
      async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
      30_000,
      proc,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  const query = async (promql: string): Promise<PromSample[]> => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success') throw new Error(`query ${promql} failed: ${body.error}`);
    return (body.data?.result ?? []).map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  };
  return {
    url,
    query,
    waitForSeries: (promql, ms = 20_000) =>
      waitFor(
        `series for ${promql}`,
        async () => {
          const r = await query(promql);
          return r.length > 0 ? r : undefined;
        },
        ms,
        proc,
      ),
    stop,
  };
}

/** Writes `text` (OpenMetrics) as TSDB blocks into the data directory Prometheus will open. */
function backfill(dir: string, text: string): void {
  requireTool('promtool');
  const input = join(dir, 'backfill.om');
  writeFileSync(input, text.endsWith('# EOF\n') ? text : `${text}# EOF\n`);
  const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', input, join(dir, 'data')], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`promtool could not backfill the history: ${r.stderr || r.stdout}`);
  }
}
