/**
 * 1,000 probes at 30 s intervals against local servers, on the one JS thread of one process:
 * how late each run starts against its due time (p50/p99/max), how many runs were skipped, and the
 * same for a plain `setTimeout(run, interval)` loop per target started in the same run, with the
 * same targets and phases. Writes BENCHMARKS.md. BENCH_SECONDS sets the length (default 150:
 * five intervals). Run it pinned to one core: `taskset -c 0 pnpm bench`.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCareMetrics } from '@hartslag/metrics';
import { ProbeRunner, type ProbeSpec, phaseOf, runCheck } from '../src/index.js';

const TARGETS = 1_000;
const INTERVAL = 30_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 150);

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

const httpServer = http.createServer((_req, res) => res.end('ok'));
const tcpServer = net.createServer((s) => s.end());
const httpPort = await listen(httpServer);
const tcpPort = await listen(tcpServer);

function specs(prefix: string): ProbeSpec[] {
  return Array.from({ length: TARGETS }, (_, i) => ({
    name: `${prefix}-${i}`,
    intervalMs: INTERVAL,
    timeoutMs: 5_000,
    target:
      i % 2 === 0
        ? { kind: 'http', url: `http://127.0.0.1:${httpPort}/t/${i}`, method: 'GET', expectStatus: [200], headers: {} }
        : { kind: 'tcp', host: '127.0.0.1', port: tcpPort },
  }));
}

// Ours: the ProbeRunner, recording through a CareMetrics like a real deployment.
const oursLate: number[] = [];
const oursAt: number[] = [];
const runner = new ProbeRunner(specs('target'), {
  metrics: createCareMetrics({ service: 'probes' }),
  onResult: (_p, r, lateMs) => {
    oursLate.push(lateMs);
    // The due time: now, less the check's own duration and how late it started.
    oursAt.push(Date.now() - r.seconds * 1_000 - lateMs);
  },
});

// Baseline: per target, wait for its first due time, then `setTimeout(run, interval)` after each
// run — the loop most scripts write. Lateness is against the same fixed-rate due times.
const baseLate: number[] = [];
const baseAt: number[] = [];
let baseRuns = 0;
const baseTimers = new Set<NodeJS.Timeout>();
let stopped = false;
const start = Date.now();
for (const spec of specs('baseline')) {
  const phase = phaseOf(spec.name, INTERVAL);
  let due = phase + Math.ceil((start - phase) / INTERVAL) * INTERVAL;
  const loop = (wait: number) => {
    const t = setTimeout(async () => {
      baseTimers.delete(t);
      if (stopped) return;
      baseLate.push(Date.now() - due);
      baseAt.push(due);
      due += INTERVAL;
      baseRuns++;
      await runCheck(spec);
      loop(INTERVAL);
    }, wait);
    baseTimers.add(t);
  };
  loop(due - start);
}
// How late the event loop itself ran meanwhile: lateness beyond it would be the schedule's own.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
runner.start();

await new Promise((resolve) => setTimeout(resolve, SECONDS * 1_000));
stopped = true;
loopDelay.disable();
for (const t of baseTimers) clearTimeout(t);
await runner.stop();
httpServer.close();
tcpServer.close();

function q(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}
const stats = runner.stats();
const row = (what: string, late: number[], at: number[], runs: number, skipped: string) =>
  `| ${what} | ${runs} | ${q(late, 0.5).toFixed(1)} ms | ${q(late, 0.99).toFixed(1)} ms | ${Math.max(...late).toFixed(1)} ms | ${drift(late, at)} | ${skipped} |`;
const expected = Math.round(((SECONDS * 1_000) / INTERVAL) * TARGETS);
/** p50 lateness of the runs due in the first and in the last whole interval: drift shows as growth. */
function drift(late: number[], at: number[]): string {
  const lastStart = start + (Math.floor((SECONDS * 1_000) / INTERVAL) - 1) * INTERVAL;
  const first = late.filter((_, i) => at[i]! < start + INTERVAL);
  const last = late.filter((_, i) => at[i]! >= lastStart && at[i]! < lastStart + INTERVAL);
  return `${q(first, 0.5).toFixed(1)} ms → ${q(last, 0.5).toFixed(1)} ms`;
}
const cpus = os.cpus();
const lines = [
  '# @hartslag/probes benchmarks',
  '',
  `Latest \`pnpm bench\` (written by bench/schedule.bench.ts): ${TARGETS} targets (half HTTP, half TCP, local servers) at ${INTERVAL / 1000} s intervals for ${SECONDS} s, ours and the baseline side by side in one process, so both share one JS thread and the same load.`,
  '',
  `- machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}; run pinned to one core (\`taskset -c 0\`) on a shared, loaded machine`,
  `- node ${process.version}; date ${new Date().toISOString().slice(0, 10)}`,
  `- lateness: start of a run minus its due time (phase + k·interval); about ${expected} runs fit the time for each`,
  '',
  '| schedule | runs | lateness p50 | p99 | max | p50 first interval → last | skipped |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  row('ProbeRunner (fixed rate)', oursLate, oursAt, stats.finished, String(stats.skipped)),
  row('plain setTimeout(run, interval) after each run', baseLate, baseAt, baseRuns, 'n/a (drifts instead)'),
  `| event loop delay (perf_hooks, 10 ms resolution), for comparison | — | ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms | ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms | ${(loopDelay.max / 1e6).toFixed(1)} ms | — | — |`,
  '',
  `- Ratio of p99 lateness, baseline / ours: ${(q(baseLate, 0.99) / Math.max(0.1, q(oursLate, 0.99))).toFixed(1)}×; of p50: ${(q(baseLate, 0.5) / Math.max(0.1, q(oursLate, 0.5))).toFixed(1)}×.`,
  "- On a shared machine the p99 and max follow the machine's stalls (compare the event loop delay row) and vary from run to run; the p50 and the first → last interval columns are the schedule's own.",
  "- The baseline's lateness grows with every run (each waits a full interval after the previous one ended, so the check's duration and each timer's lateness add up); the fixed-rate schedule's does not, as its due times never move.",
  '',
];
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
