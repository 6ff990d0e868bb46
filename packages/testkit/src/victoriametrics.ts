import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, Process, waitFor } from '@hartslag/common/process';
import type { PromSample } from './prometheus.js';
import { requireTool } from './requireTool.js';

export interface RunningVictoriaMetrics {
  url: string;
  /** Prometheus remote-write 1.0 endpoint. */
  remoteWriteUrl: string;
  /** Instant query through the Prometheus-compatible API (MetricsQL); throws with its error. */
  query(expr: string): Promise<PromSample[]>;
  /** Waits until `expr` returns at least one sample, then returns them. */
  waitForSeries(expr: string, ms?: number): Promise<PromSample[]>;
  /** Imports Prometheus text with millisecond timestamps (`/api/v1/import/prometheus`). */
  importPrometheus(text: string): Promise<void>;
  /** Raw samples of every series matching `selector`, as stored (`/api/v1/export`): no lookback, no dedup. */
  exportRaw(selector: string): Promise<{ metric: Record<string, string>; values: number[]; timestamps: number[] }[]>;
  /** Makes everything received so far searchable now instead of within a second. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts single-node VictoriaMetrics (Debian's `victoria-metrics`) on 127.0.0.1 with a throw-away
 * store. Queries see the newest samples at once (`-search.latencyOffset=0s`, no result cache), as
 * tests compare with what they just sent; retention is long enough for backfilled history.
 */
export async function startVictoriaMetrics(): Promise<RunningVictoriaMetrics> {
  requireTool('victoria-metrics');
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-victoriametrics-'));
  const port = await freePort();
  const proc = new Process('victoria-metrics', [
    `-storageDataPath=${join(dir, 'data')}`,
    `-httpListenAddr=127.0.0.1:${port}`,
    '-retentionPeriod=100y',
    '-search.latencyOffset=0s',
    '-search.disableCache',
    '-loggerLevel=WARN',
  ]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'VictoriaMetrics to be ready',
      async () => ((await fetch(`${url}/health`)).ok ? true : undefined),
      30_000,
      proc,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  const query = async (expr: string): Promise<PromSample[]> => {
    const res = await fetch(`${url}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: expr }),
    });
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success') throw new Error(`query ${expr} failed: ${body.error ?? `HTTP ${res.status}`}`);
    return (body.data?.result ?? []).map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  };
  const expectOk = async (what: string, res: Response) => {
    if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  };
  return {
    url,
    remoteWriteUrl: `${url}/api/v1/write`,
    query,
    waitForSeries: (expr, ms = 20_000) =>
      waitFor(
        `series for ${expr}`,
        async () => {
          const r = await query(expr);
          return r.length > 0 ? r : undefined;
        },
        ms,
        proc,
      ),
    importPrometheus: async (text) =>
      expectOk('import', await fetch(`${url}/api/v1/import/prometheus`, { method: 'POST', body: text })),
    exportRaw: async (selector) => {
      const res = await fetch(`${url}/api/v1/export?${new URLSearchParams({ 'match[]': selector })}`);
      await expectOk('export', res);
      return (await res.text())
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l));
    },
    flush: async () => expectOk('flush', await fetch(`${url}/internal/force_flush`)),
    stop,
  };
}

export interface VmalertOptions {
  /** Rule files (their YAML text), Prometheus format. */
  rules: string[];
  /** Where queries go and recorded series are written back: a VictoriaMetrics URL. */
  datasource: string;
  /** Alertmanager API base URL (vmalert posts to `/api/v2/alerts` under it). */
  notifier: string;
  /** How often every group is evaluated, whatever interval the files set; 1 s unless given. */
  interval?: string;
}

export interface VmalertRule {
  group: string;
  name: string;
  type: 'recording' | 'alerting';
  query: string;
  health: string;
  lastError: string;
  lastEvaluation: string;
}

export interface RunningVmalert {
  url: string;
  /** Every rule with the health of its last evaluation (`/api/v1/rules`). */
  rules(): Promise<VmalertRule[]>;
  stop(): Promise<void>;
}

/** Where vmalert reads, writes and notifies: the flags the tested topology and deploy/compose.yaml share. */
export interface VmalertWiring {
  /** Rule file paths. */
  ruleFiles: string[];
  /** VictoriaMetrics (single node, or vmselect/vminsert behind one URL) for queries and recorded series. */
  datasource: string;
  /** Alertmanager base URL. */
  notifier: string;
  /** host:port vmalert serves its API on. */
  listen: string;
}

/**
 * vmalert's flags for the tested topology, written once: rules from the files, queries against the
 * store, recorded series and ALERTS written back into it (so dashboards and the status API read
 * them like any series), alerts to Alertmanager.
 */
export function vmalertFlags(w: VmalertWiring): string[] {
  return [
    ...w.ruleFiles.map((f) => `-rule=${f}`),
    `-datasource.url=${w.datasource}`,
    `-remoteWrite.url=${w.datasource}`,
    `-remoteRead.url=${w.datasource}`,
    `-notifier.url=${w.notifier}`,
    `-httpListenAddr=${w.listen}`,
  ];
}

/** Checks rule files with vmalert's own MetricsQL parser; `output` holds its complaint. */
export async function vmalertCheckRules(files: string[]): Promise<{ ok: boolean; output: string }> {
  requireTool('vmalert');
  const proc = new Process('vmalert', ['-dryRun', ...files.map((f) => `-rule=${f}`), '-loggerLevel=ERROR']);
  const code = await proc.exited;
  return { ok: code === 0 && !/\bfatal\b/.test(proc.output), output: proc.output.trim() };
}

/**
 * Starts vmalert (from `victoria-metrics`) on 127.0.0.1: it evaluates the rules against
 * `datasource` and writes recorded series and ALERTS back into it, as in a VictoriaMetrics setup.
 */
export async function startVmalert(options: VmalertOptions): Promise<RunningVmalert> {
  requireTool('vmalert');
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-vmalert-'));
  const port = await freePort();
  const interval = options.interval ?? '1s';
  const files = options.rules.map((text, i) => {
    const file = join(dir, `rules-${i}.yaml`);
    // A group's own interval (e.g. 1m) would leave a test waiting for minutes.
    writeFileSync(file, text.replace(/^(\s+)interval: .+$/gm, `$1interval: ${interval}`));
    return file;
  });
  const proc = new Process('vmalert', [
    ...vmalertFlags({
      ruleFiles: files,
      datasource: options.datasource,
      notifier: options.notifier,
      listen: `127.0.0.1:${port}`,
    }),
    // Time compressed for tests: recorded series written back at once, every group evaluated
    // each `interval`, at the moment of evaluation rather than rounded down to the interval.
    '-remoteWrite.flushInterval=200ms',
    `-evaluationInterval=${interval}`,
    '-datasource.queryTimeAlignment=false',
    '-loggerLevel=WARN',
  ]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await proc.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'vmalert to be ready',
      async () => ((await fetch(`${url}/health`)).ok ? true : undefined),
      30_000,
      proc,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    rules: async () => {
      const body = (await (await fetch(`${url}/api/v1/rules`)).json()) as {
        data: { groups: { name: string; rules: VmalertRule[] }[] };
      };
      return body.data.groups.flatMap((g) => g.rules.map((r) => ({ ...r, group: g.name })));
    },
    stop,
  };
}
