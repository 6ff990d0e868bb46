/**
 * `pnpm bench`: logwatch against mtail (Debian's `mtail`) on the same files, in one run.
 * - lines per second per core (CPU time, user + system) for the regex format (anchored, 12 named
 *   groups, the line's time parsed), JSON and logfmt, checkpointing on (every second, as in
 *   production); mtail reads the regex file in --one_shot mode with an equivalent program
 *   (bench/access.mtail) and its CPU time is its own (/usr/bin/time);
 * - both sides' call totals by outcome must agree, or the race is void;
 * - memory with 100,000 distinct tenants: heap growth after GC, the checkpoint's size, and mtail's
 *   peak RSS on the same file.
 * Prints the table, writes BENCHMARKS.md, exits 1 when a target is missed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logwatch, readConfig } from '../src/index.js';
import { ACCESS_PATTERN, writeJsonLog, writeLogfmtLog, writeRegexLog } from './data.js';
import { replayBench } from './replay.js';

const quick = process.argv.includes('--quick');
const LINES = quick ? 100_000 : 400_000;
const TENANT_LINES = quick ? 200_000 : 300_000;
const TARGET = 200_000;
/** A month at 2M lines an hour: what a restart replays from the checkpoint. */
const MONTH_CALLS = quick ? 144_000_000 : 1_440_000_000;
/** Most seconds a month's replay may take: a small part of the 3 minutes a stall must be seen in. */
const REPLAY_TARGET = 30;
const dir = mkdtempSync(join(os.tmpdir(), 'logwatch-bench-'));
const load = os.loadavg();
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const CODES = `    codes: { NO_CONTRACT: denied, '504': timeout, 2xx: success, 4xx: client_error, 5xx: server_error }`;
const FIELDS = `    fields: { operation: op, code: status, tenant: pharmacy, vendor: vendor, latency: { field: ms, unit: ms } }`;
const SOURCES: Record<string, string> = {
  regex: `    format: regex
    pattern: '${ACCESS_PATTERN}'
    timestamp: { field: date, format: yyyy-MM-dd HH:mm:ss.SSS, zone: Europe/Brussels }`,
  json: `    format: json
    timestamp: { field: time, format: iso }`,
  logfmt: `    format: logfmt
    timestamp: { field: time, format: iso }`,
};

function configFor(format: string, file: string, state: string) {
  const text = `apiVersion: hartslag.logwatch/v1
service: medication-history
checkpoint: { dir: ${state}, interval: 1s }
sources:
  - name: bench
    path: ${file}
${SOURCES[format]}
${FIELDS}
${CODES}
`;
  return readConfig(text, `${format}.yaml`);
}

interface Run {
  lines: number;
  cpuSeconds: number;
  wallSeconds: number;
  checkpoints: number;
  byOutcome: Map<string, number>;
  heapGrowth: number;
  checkpointBytes: number;
  tenantSeries: number;
}

let runs = 0;

async function runLogwatch(format: string, file: string, lines: number): Promise<Run> {
  // A fresh checkpoint directory each run: one left by the warm-up would be resumed, not re-read.
  const state = join(dir, `state-${++runs}`);
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const lw = new Logwatch(configFor(format, file, state), { onWarning: () => {} });
  let checkpoints = 0;
  let last = statMtime(state);
  while (lw.recorded < lines) {
    lw.tick();
    const m = statMtime(state);
    if (m !== last) {
      checkpoints++;
      last = m;
    }
  }
  lw.save();
  checkpoints++;
  if (lw.recorded !== lines) throw new Error(`${format}: recorded ${lw.recorded} of ${lines} lines`);
  const cpu = process.cpuUsage(cpu0);
  const wallSeconds = (performance.now() - wall0) / 1000;
  const text = await lw.metrics.registry!.metrics();
  gc();
  const heapGrowth = process.memoryUsage().heapUsed - heap0;
  const byOutcome = sumBy(text, 'care_calls_total');
  const tenantSeries = text.split('\n').filter((l) => l.startsWith('care_tenant_calls_total{')).length;
  const checkpointBytes = statSync(join(state, 'checkpoint.json')).size;
  lw.close();
  return {
    lines,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds,
    checkpoints,
    byOutcome,
    heapGrowth,
    checkpointBytes,
    tenantSeries,
  };
}

function statMtime(state: string): number {
  try {
    return statSync(join(state, 'checkpoint.json')).mtimeMs;
  } catch {
    return 0;
  }
}

function sumBy(text: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const outcome = /outcome="([^"]*)"/.exec(line)?.[1] ?? '';
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (value > 0) out.set(outcome, (out.get(outcome) ?? 0) + value);
  }
  return out;
}

function runMtail(file: string): {
  cpuSeconds: number;
  wallSeconds: number;
  maxRssBytes: number;
  byOutcome: Map<string, number>;
} {
  const progs = join(dir, 'progs');
  rmSync(progs, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', progs]);
  writeFileSync(join(progs, 'access.mtail'), readFileSync(fileURLToPath(new URL('access.mtail', import.meta.url))));
  const started = performance.now();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', 'TIME %U %S %M', 'mtail', '--one_shot', '--one_shot_format', 'prometheus', '--progs', progs, '--logs', file],
    { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const t = /TIME (\S+) (\S+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || t === null) throw new Error(`mtail failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return {
    cpuSeconds: Number(t[1]) + Number(t[2]),
    wallSeconds,
    maxRssBytes: Number(t[3]) * 1024,
    byOutcome: sumBy(r.stdout, 'care_calls_total'),
  };
}

const same = (a: Map<string, number>, b: Map<string, number>) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function main() {
  const mtailOk = spawnSync('mtail', ['--version']).status === 0;
  const files = { regex: join(dir, 'access.log'), json: join(dir, 'access.json'), logfmt: join(dir, 'access.logfmt') };
  writeRegexLog(files.regex, LINES, 5000);
  writeJsonLog(files.json, LINES, 5000);
  writeLogfmtLog(files.logfmt, LINES, 5000);
  const rows: string[] = [];
  const notes: string[] = [];
  let failed = false;

  const ours: Record<string, Run> = {};
  for (const format of ['regex', 'json', 'logfmt'] as const) {
    // The first pass warms the JIT; the second is measured.
    await runLogwatch(format, files[format], LINES);
    ours[format] = await runLogwatch(format, files[format], LINES);
  }
  const mtail = mtailOk ? runMtail(files.regex) : undefined;
  for (const format of ['regex', 'json', 'logfmt'] as const) {
    const r = ours[format]!;
    const rate = r.lines / r.cpuSeconds;
    let base = '';
    let ratio = '';
    let verdict = '';
    if (format === 'regex') {
      const beats = mtail !== undefined && rate > LINES / mtail.cpuSeconds;
      const met = rate >= TARGET && beats;
      if (!met) failed = true;
      verdict = met ? 'met' : 'MISSED';
      if (mtail !== undefined) {
        const m = LINES / mtail.cpuSeconds;
        base = `mtail ${fmt(m)} lines/s per core`;
        ratio = `**${(rate / m).toFixed(2)}×**`;
      } else {
        base = 'mtail not installed';
      }
    }
    rows.push(
      `| ${format} | ${base} | ${fmt(rate)} lines/s per core (${r.cpuSeconds.toFixed(2)} s CPU, ${r.wallSeconds.toFixed(2)} s wall, ${r.checkpoints} checkpoints) | ${ratio} | ${format === 'regex' ? `≥ ${fmt(TARGET)}/s per core and faster than mtail` : ''} | ${verdict} |`,
    );
  }
  if (mtail !== undefined) {
    const agree = same(mtail.byOutcome, ours.regex!.byOutcome);
    if (!agree) failed = true;
    notes.push(
      `mtail 3 \`--one_shot\` on the regex file: ${mtail.cpuSeconds.toFixed(2)} s CPU, ${mtail.wallSeconds.toFixed(2)} s wall (start-up and program compile included), peak RSS ${mib(mtail.maxRssBytes)}; call totals by outcome ${agree ? 'equal ours' : `DIFFER: mtail ${JSON.stringify([...mtail.byOutcome])} ours ${JSON.stringify([...ours.regex!.byOutcome])}`}.`,
    );
    if (agree)
      notes.push(
        `Totals by outcome (both): ${[...mtail.byOutcome]
          .sort()
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(', ')}.`,
      );
  }

  // 100,000 distinct tenants: each appears several times, round robin.
  const tenantsFile = join(dir, 'tenants.log');
  writeRegexLog(tenantsFile, TENANT_LINES, 100_000);
  const t = await runLogwatch('regex', tenantsFile, TENANT_LINES);
  const mt = mtailOk ? runMtail(tenantsFile) : undefined;
  notes.push(
    `100,000 distinct tenants (${fmt(TENANT_LINES)} lines, round robin): logwatch heap grew ${mib(t.heapGrowth)} after GC ` +
      `(the ledger keeps every tenant's count so a restart can replay it; the library's tenant cap (Space-Saving) exports only tenants that stand out, ` +
      `${fmt(t.tenantSeries)} tenant series here, the rest counted in overflow), checkpoint ${mib(t.checkpointBytes)}, ${(t.lines / t.cpuSeconds / 1000).toFixed(0)}k lines/s per core` +
      (mt === undefined
        ? '.'
        : `; mtail peak RSS ${mib(mt.maxRssBytes)} (every tenant a series), ${(TENANT_LINES / mt.cpuSeconds / 1000).toFixed(0)}k lines/s per core.`),
  );

  const r = await replayBench(MONTH_CALLS);
  const replayMet = r.agree && r.replaySeconds <= REPLAY_TARGET && r.ratio > 1;
  if (!replayMet) failed = true;
  notes.push(
    `Start-up replay of a month's ledger (${fmt(r.monthCalls)} calls: 2M lines an hour for 30 days; ${fmt(r.keys)} keys): ` +
      `**${r.replaySeconds.toFixed(2)} s** with recordMany (target ≤ ${REPLAY_TARGET} s: ${replayMet ? 'met' : 'MISSED'}); ` +
      `call by call, the replay before it, measured on a hundredth of the month in the same run: ${fmt(r.baselineCallsPerSecond)} calls/s, ` +
      `${fmt(r.baselineMonthSeconds)} s for the month; **${fmt(r.ratio)}×** faster; series on the hundredth ${r.agree ? 'equal' : 'DIFFER'}.`,
  );

  const md = `# @hartslag/logwatch benchmarks

Latest \`pnpm bench\` (written by bench/index.ts; logwatch and mtail on the same generated files in
the same run; rates are lines per CPU-second, user + system, of the whole process).

- machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}; load average when the run began: ${load.map((l) => l.toFixed(2)).join(', ')}
- node ${process.version}; mtail ${mtail === undefined ? 'not installed' : (spawnSync('mtail', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '')}; date ${new Date().toISOString().slice(0, 10)}
- ${fmt(LINES)} lines per format (5,000 pharmacies, 4 vendors, 5 operations, 10 status codes), checkpoint every 1 s

| format | baseline | ours | ratio | target | |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

${notes.map((n) => `- ${n}`).join('\n')}
`;
  process.stdout.write(md);
  if (!quick) writeFileSync(fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url)), md);
  rmSync(dir, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

await main();
