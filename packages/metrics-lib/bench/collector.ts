/**
 * `pnpm bench` (metrics-lib): samples per second through OTLP → OpenTelemetry Collector →
 * Prometheus remote-write, into Prometheus (the baseline) and into VictoriaMetrics, in one run.
 * Real processes on 127.0.0.1: the Collector of tools/otelcol with its one configuration, a
 * Prometheus with the remote-write receiver, a single-node VictoriaMetrics. Rounds alternate
 * between the stores so both see the same machine load. Writes its section of BENCHMARKS.md and
 * the figure docs/scale.md sizes with.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  type RunningCollector,
  type RunningPrometheus,
  type RunningVictoriaMetrics,
  startCollector,
  startPrometheus,
  startVictoriaMetrics,
} from '@hartslag/testkit';
import { COLLECTOR_SECTION, COLLECTOR_WORKLOAD } from './collectorSection.js';

const { series: SERIES, exports: EXPORTS } = COLLECTOR_WORKLOAD;
const ROUNDS = process.argv.includes('--quick') ? 1 : 3;
const QUERIES = 20;

/** One cumulative OTLP/JSON export: every series' count after `k + 1` exports. */
function exportBody(run: string, k: number, startMs: number): string {
  const timeUnixNano = `${BigInt(startMs + k * 1000) * 1_000_000n}`;
  const startTimeUnixNano = `${BigInt(startMs - 1000) * 1_000_000n}`;
  const dataPoints = [];
  for (let i = 0; i < SERIES; i++) {
    dataPoints.push({
      attributes: [{ key: 'tenant', value: { stringValue: `pharmacy-${String(i).padStart(4, '0')}` } }],
      startTimeUnixNano,
      timeUnixNano,
      asInt: String(k + 1),
    });
  }
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'collector-bench' } },
            { key: 'service.instance.id', value: { stringValue: run } },
          ],
        },
        scopeMetrics: [
          {
            scope: { name: 'hartslag-bench' },
            metrics: [
              {
                name: 'bench.calls',
                unit: '{call}',
                sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints },
              },
            ],
          },
        ],
      },
    ],
  });
}

interface Store {
  name: string;
  query(expr: string): Promise<{ value: number }[]>;
}

/** Sends EXPORTS exports of SERIES series; seconds until the store answers with every last value. */
async function round(store: Store, collector: RunningCollector, run: string): Promise<number> {
  // Timestamps a minute back: inside both stores' accepted window, ahead of nothing.
  const startMs = Date.now() - 60_000;
  const bodies = Array.from({ length: EXPORTS }, (_, k) => exportBody(run, k, startMs));
  const began = performance.now();
  for (const body of bodies) {
    const res = await fetch(collector.otlpMetricsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (!res.ok) throw new Error(`the Collector refused an export: HTTP ${res.status} ${await res.text()}`);
  }
  const expr = `count(bench_calls_total{instance="${run}"} == ${EXPORTS})`;
  const deadline = began + 300_000;
  while (performance.now() < deadline) {
    const [r] = await store.query(expr);
    if (r?.value === SERIES) return (performance.now() - began) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${store.name} did not show all ${SERIES} series at ${EXPORTS} within 5 minutes`);
}

/**
 * Queries per second of the tenant breakdown's shape (sum by tenant of a rate over every tenant's
 * series), one at a time, over the series of one round.
 */
async function queryRate(store: Store, run: string): Promise<number> {
  const expr = `sum by (tenant) (rate(bench_calls_total{instance="${run}"}[5m]))`;
  const first = await store.query(expr);
  if (first.length !== SERIES) throw new Error(`${store.name}: the breakdown query returned ${first.length} tenants`);
  const began = performance.now();
  for (let q = 0; q < QUERIES; q++) await store.query(expr);
  return QUERIES / ((performance.now() - began) / 1000);
}

async function main() {
  const load = os.loadavg();
  const prometheus: RunningPrometheus = await startPrometheus([], { remoteWriteReceiver: true });
  const vm: RunningVictoriaMetrics = await startVictoriaMetrics();
  const stores = [
    { store: { name: 'Prometheus', query: prometheus.query }, write: `${prometheus.url}/api/v1/write` },
    { store: { name: 'VictoriaMetrics', query: vm.query }, write: vm.remoteWriteUrl },
  ];
  const collectors = await Promise.all(stores.map((s) => startCollector({ remoteWrite: s.write })));
  const cleanup = async () => {
    await Promise.all([...collectors.map((c) => c.stop()), prometheus.stop(), vm.stop()]);
  };
  // Stopped by a signal: stop the stores and Collectors too rather than leave them running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup().finally(() => process.exit(130));
    });
  }
  const rates: number[][] = stores.map(() => []);
  const queries: number[][] = stores.map(() => []);
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, s] of stores.entries()) {
        const run = `round-${r}-${i}`;
        const seconds = await round(s.store, collectors[i]!, run);
        const rate = (SERIES * EXPORTS) / seconds;
        rates[i]!.push(rate);
        const qps = await queryRate(s.store, run);
        queries[i]!.push(qps);
        process.stdout.write(
          `${s.store.name}: ${Math.round(rate)} samples/s (${seconds.toFixed(2)} s), ${qps.toFixed(1)} breakdown queries/s\n`,
        );
      }
    }
  } finally {
    await cleanup();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const [prom, victoria] = rates.map(median) as [number, number];
  const [promQ, victoriaQ] = queries.map(median) as [number, number];
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const section = [
    COLLECTOR_SECTION,
    '',
    '## The Collector path (bench/collector.ts)',
    '',
    `OTLP/JSON → Collector (tools/otelcol, batch 200 ms) → Prometheus remote-write → store: ${fmt(SERIES)} series × ${EXPORTS} cumulative exports (${fmt(SERIES * EXPORTS)} samples) per round, from the first request until the store answers with every last value. ${ROUNDS} rounds per store, alternating; sender, Collector and store share the cores.`,
    '',
    `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, load average when the run began: ${load.map((l) => l.toFixed(2)).join(', ')}`,
    `- node ${process.version}; date ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| store | samples/s (median) | rounds | vs baseline | breakdown queries/s (median) | rounds | vs baseline |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| Prometheus (\`--web.enable-remote-write-receiver\`), baseline | **${fmt(prom)}** | ${rates[0]!.map(fmt).join(', ')} | 1.00× | **${promQ.toFixed(1)}** | ${queries[0]!.map((q) => q.toFixed(1)).join(', ')} | 1.00× |`,
    `| VictoriaMetrics single node | **${fmt(victoria)}** | ${rates[1]!.map(fmt).join(', ')} | ${(victoria / prom).toFixed(2)}× | **${victoriaQ.toFixed(1)}** | ${queries[1]!.map((q) => q.toFixed(1)).join(', ')} | ${(victoriaQ / promQ).toFixed(2)}× |`,
    '',
    `Breakdown query: \`sum by (tenant) (rate(bench_calls_total[5m]))\` over the ${fmt(SERIES)} series of one round (the shape of the generated tenant-breakdown rule), ${QUERIES} in a row after each round.`,
    '',
  ].join('\n');
  if (ROUNDS > 1) {
    const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf(COLLECTOR_SECTION);
    writeFileSync(file, `${(at < 0 ? `${text.trimEnd()}\n\n` : text.slice(0, at)) + section}`);
  }
  process.stdout.write(`${section}\n`);
}

await main();
