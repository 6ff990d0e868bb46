import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, Process, waitFor } from '@hartslag/common/process';
import { requireTool } from './requireTool.js';

export interface ScrapeTarget {
  job: string;
  /** host:port */
  target: string;
  path?: string;
  /** Keep the target's own `job` and `instance` labels (as for a Pushgateway or a federated source). */
  honorLabels?: boolean;
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
   * History to load before the start, as OpenMetrics texts (`# EOF` last; added when missing),
   * written into the TSDB by `promtool tsdb create-blocks-from openmetrics`: queries with
   * `offset 1w` then find data.
   */
  backfill?: string | string[];
  /** A directory of TSDB blocks (e.g. from `promtool tsdb create-blocks-from`) loaded at start. */
  blocks?: string;
  /**
   * `--storage.tsdb.retention.time`, e.g. "2y" for backfilled history. Default: Prometheus' 15d,
   * or 10 years with `backfill` (history of any age is kept; 15 days would delete it at start).
   */
  retention?: string;
  /** Accept Prometheus remote-write 1.0 at `/api/v1/write` (what the Collector's exporter sends). */
  remoteWriteReceiver?: boolean;
  /** Remote-write every scraped sample to these URLs (`.../api/v1/write`), with 1 s of back-off at most. */
  remoteWrite?: string[];
  /**
   * Agent mode: scrape and remote-write only, no TSDB, rules or queries. Its write-ahead log keeps
   * what the remote end has not acknowledged, so a cut link loses nothing until it is back.
   */
  agent?: boolean;
  /** How often targets are scraped; `1s` unless given (e.g. `250ms` to compress time in a test). */
  scrapeInterval?: string;
}

/**
 * Starts the real Prometheus server (Debian's `prometheus`) on 127.0.0.1 with a throw-away TSDB
 * (or, as an agent, a throw-away write-ahead log), scraping `targets` every second.
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
    `  scrape_interval: ${options.scrapeInterval ?? '1s'}`,
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
    ...(options.remoteWrite?.length
      ? [
          'remote_write:',
          ...options.remoteWrite.flatMap((u) => [
            `  - url: ${JSON.stringify(u)}`,
            '    queue_config:',
            // Tests restore a cut link within seconds; the default 5 s back-off would only slow them.
            '      max_backoff: 1s',
          ]),
        ]
      : []),
    'scrape_configs:',
    ...targets.flatMap((t) => [
      `  - job_name: ${JSON.stringify(t.job)}`,
      `    metrics_path: ${JSON.stringify(t.path ?? '/metrics')}`,
      ...(t.honorLabels ? ['    honor_labels: true'] : []),
      '    static_configs:',
      `      - targets: [${JSON.stringify(t.target)}]`,
    ]),
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), `${config}\n`);
  if (options.blocks !== undefined) cpSync(options.blocks, join(dir, 'data'), { recursive: true });
  const histories = options.backfill === undefined ? [] : [options.backfill].flat();
  histories.forEach((text, i) => {
    requireTool('promtool');
    const file = join(dir, `backfill-${i}.om.txt`);
    writeFileSync(file, text.endsWith('# EOF\n') ? text : `${text}# EOF\n`);
    const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, join(dir, 'data')], {
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`promtool could not backfill history ${i}: ${r.stderr}${r.stdout}`);
    }
  });
  const retention = options.retention ?? (histories.length > 0 ? '3650d' : undefined);
  const proc = new Process('prometheus', [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    ...(options.agent
      ? ['--enable-feature=agent', `--storage.agent.path=${join(dir, 'agent')}`]
      : [`--storage.tsdb.path=${join(dir, 'data')}`]),
    ...(options.remoteWriteReceiver ? ['--web.enable-remote-write-receiver'] : []),
    `--web.listen-address=127.0.0.1:${port}`,
    ...(retention !== undefined ? [`--storage.tsdb.retention.time=${retention}`] : []),
    '--log.level=warn',
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
