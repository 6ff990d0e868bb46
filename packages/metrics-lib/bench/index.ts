/**
 * `pnpm bench`: races @hartslag/metrics against the baselines named in the issue, in one process:
 * - recordCall vs the hand-written prom-client equivalent (3 calls: counter 4 labels, histogram 3,
 *   tenant counter 4), PII guard on, and vs the same written with @prometheus-io/client;
 * - OpenTelemetry sdk-metrics per instrument call, for reference;
 * - CPU time of a scrape of 55k series (11k tenants × 5 outcomes) vs prom-client's
 *   registry.metrics(), as a string and as the pieces /metrics writes; the same against
 *   @prometheus-io/client's registry, ours registered in it;
 * - event-loop delay of a service process while a client process scrapes it over HTTP, ours
 *   beside prom-client's (bench/scrape);
 * - heap after 1M distinct tenant ids (cap 10,000);
 * - a pipeline stage's record() vs recordCall vs prom-client (bench/pipeline.ts);
 * - recordCall with a vendor vs without, and vs prom-client writing the vendor series too (bench/vendor.ts).
 * Prints baseline, ours and the ratio, writes BENCHMARKS.md, exits 1 when a target is missed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import * as ioClient from '@prometheus-io/client';
import { Registry } from 'prom-client';
import { CHUNK_CHARS, openExposition } from '../src/export/prometheus/ExpositionStream.js';
import { CHUNKS, type ChunkSource } from '../src/export/prometheus/register.js';
import type { PromRegistry } from '../src/index.js';
import { createCareMetrics } from '../src/index.js';
import { handwritten } from '../test/support/handwritten.js';
import { tables } from '../test/support/internals.js';
import { COLLECTOR_SECTION } from './collectorSection.js';
import { calls, SCRAPE_TENANTS, scrapeCalls } from './data.js';
import { stageRecordBench } from './pipeline.js';
import { cpuNsPerOp, nsPerOp, type Row, ratio } from './run.js';
import { type Library, type Pace, type Round, round } from './scrape/delay.js';
import { DELAY_RESOLUTION_MS, WARM_UP_SCRAPES } from './scrape/protocol.js';
import { vendorRecordBench } from './vendor.js';

const quick = process.argv.includes('--quick');
const time = quick ? 300 : 1500;
const rows: Row[] = [];
const notes: string[] = [];

async function recordCallBench() {
  const data = calls(4096);
  const mask = data.length - 1;
  const BATCH = 1000;
  const theirs = handwritten(new Registry(), 'medication-history');
  const theirsIo = handwritten(new ioClient.Registry(), 'medication-history', ioClient as never);
  const ours = createCareMetrics({ service: 'medication-history' });
  const handles = new Map(data.map((c) => [c.operation, ours.operation(c.operation)]));
  const bound = data.map((c) => handles.get(c.operation)!);

  // A reader makes the SDK keep real metric storage (without one, instruments are nearly free).
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  const meter = new MeterProvider({ readers: [reader] }).getMeter('bench');
  const otelCounter = meter.createCounter('care.calls');

  let i = 0;
  const ns = await nsPerOp(
    {
      'prom-client, hand-written (3 calls)': () => {
        for (let k = 0; k < BATCH; k++) {
          const c = data[i++ & mask]!;
          theirs.record(c.operation, c.outcome, c.seconds, c.code, c.tenant, c.vendor);
        }
      },
      '@prometheus-io/client, hand-written (3 calls)': () => {
        for (let k = 0; k < BATCH; k++) {
          const c = data[i++ & mask]!;
          theirsIo.record(c.operation, c.outcome, c.seconds, c.code, c.tenant, c.vendor);
        }
      },
      'hartslag recordCall': () => {
        for (let k = 0; k < BATCH; k++) {
          const c = data[i++ & mask]!;
          ours.recordCall(c);
        }
      },
      'hartslag pre-bound handle': () => {
        for (let k = 0; k < BATCH; k++) {
          const j = i++ & mask;
          const c = data[j]!;
          bound[j]!.record(c.outcome, c.seconds, c.code, c.tenant, c.vendor);
        }
      },
      'OpenTelemetry sdk-metrics counter.add (1 call)': () => {
        for (let k = 0; k < BATCH; k++) {
          const c = data[i++ & mask]!;
          otelCounter.add(1, {
            service: 'medication-history',
            operation: c.operation,
            outcome: c.outcome,
            code: c.code,
          });
        }
      },
    },
    BATCH,
    time,
  );
  const base = ns['prom-client, hand-written (3 calls)']!;
  rows.push({
    name: 'recordCall (PII guard on)',
    baselineName: 'prom-client hand-written, 3 calls',
    baseline: base,
    ours: ns['hartslag recordCall']!,
    unit: 'ns/call',
    target: 20,
  });
  rows.push({
    name: 'recordCall (PII guard on)',
    baselineName: '@prometheus-io/client hand-written, 3 calls',
    baseline: ns['@prometheus-io/client, hand-written (3 calls)']!,
    ours: ns['hartslag recordCall']!,
    unit: 'ns/call',
    target: 20,
  });
  rows.push({
    name: 'pre-bound handle record()',
    baselineName: 'prom-client hand-written, 3 calls',
    baseline: base,
    ours: ns['hartslag pre-bound handle']!,
    unit: 'ns/call',
    target: 20,
  });
  notes.push(
    `OpenTelemetry sdk-metrics \`counter.add\` with 4 attributes: ${ns['OpenTelemetry sdk-metrics counter.add (1 call)']!.toFixed(0)} ns per instrument call (a full call record would take three).`,
  );
}

async function scrapeBench() {
  const theirsReg = new Registry();
  const theirs = handwritten(theirsReg, 'medication-history');
  const oursReg = new Registry();
  const ours = createCareMetrics({ service: 'medication-history', registry: oursReg, tenants: { max: 20_000 } });
  scrapeCalls((c) => {
    ours.recordCall(c);
    theirs.record(c.operation, c.outcome, c.seconds, c.code, c.tenant, c.vendor);
  });
  const [a, b] = [await theirsReg.metrics(), await oursReg.metrics()];
  const series = (text: string) => text.split('\n').filter((l) => l.startsWith('care_tenant_calls_total{')).length;
  if (series(a) !== SCRAPE_TENANTS * 5 || series(b) !== SCRAPE_TENANTS * 5) {
    throw new Error(`expected ${SCRAPE_TENANTS * 5} tenant series, got prom-client ${series(a)}, ours ${series(b)}`);
  }
  const streamed = await drain(oursReg);
  if (streamed !== b) throw new Error('the streamed exposition differs from registry.metrics()');
  // The pieces /metrics writes, rendered back to back and encoded as the socket encodes them: the
  // CPU a served scrape costs, without the turns of the event loop it waits between pieces.
  const wire = Buffer.allocUnsafe(4 * CHUNK_CHARS);
  const pieces = () => {
    let bytes = 0;
    for (const metric of oursReg.getMetricsAsArray()) {
      const chunks = (metric as unknown as Record<symbol, ChunkSource | undefined>)[CHUNKS];
      if (chunks !== undefined) for (const piece of chunks('text', CHUNK_CHARS)) bytes += wire.write(piece);
    }
    return bytes;
  };
  // The same traffic through @prometheus-io/client: its hand-written equivalent, and ours in its registry.
  const ioTheirsReg = new ioClient.Registry();
  const ioTheirs = handwritten(ioTheirsReg, 'medication-history', ioClient as never);
  const ioOursReg = new ioClient.Registry();
  const ioOurs = createCareMetrics({ service: 'medication-history', registry: ioOursReg, tenants: { max: 20_000 } });
  scrapeCalls((c) => {
    ioOurs.recordCall(c);
    ioTheirs.record(c.operation, c.outcome, c.seconds, c.code, c.tenant, c.vendor);
  });
  const [ioA, ioB] = [await ioTheirsReg.metrics(), await ioOursReg.metrics()];
  if (series(ioA) !== SCRAPE_TENANTS * 5 || ioB !== b) {
    throw new Error('@prometheus-io/client: the hand-written series or our exposition differ from prom-client’s');
  }
  const theirsTime = await cpuNsPerOp(() => theirsReg.metrics(), quick ? 4 : 12);
  const ioTheirsTime = await cpuNsPerOp(() => ioTheirsReg.metrics(), quick ? 4 : 12);
  const ioOursTime = await cpuNsPerOp(() => ioOursReg.metrics(), quick ? 30 : 120);
  const oursTime = await cpuNsPerOp(() => oursReg.metrics(), quick ? 30 : 120);
  const piecesTime = await cpuNsPerOp(pieces, quick ? 30 : 120);
  const [theirsNs, oursNs, piecesNs] = [theirsTime.cpu, oursTime.cpu, piecesTime.cpu];
  const wallMs = (t: { wall: number }) => `${(t.wall / 1e6).toFixed(1)} ms`;
  notes.push(
    `Scrape wall-clock means in the same loops: prom-client ${wallMs(theirsTime)}, ours registry.metrics() ${wallMs(oursTime)} (${(theirsTime.wall / oursTime.wall).toFixed(1)}×), pieces ${wallMs(piecesTime)} (${(theirsTime.wall / piecesTime.wall).toFixed(1)}×).`,
  );
  rows.push({
    name: `scrape ${SCRAPE_TENANTS * 5} tenant series (+ calls, histogram), registry.metrics()`,
    baselineName: 'prom-client registry.metrics()',
    baseline: theirsNs,
    ours: oursNs,
    unit: 'ns/scrape',
    // Issue 18: the 55k-series scrape at ten times prom-client or better.
    target: 10,
  });
  rows.push({
    name: `scrape ${SCRAPE_TENANTS * 5} tenant series, as /metrics writes it (pieces, encoded)`,
    baselineName: 'prom-client registry.metrics()',
    baseline: theirsNs,
    ours: piecesNs,
    unit: 'ns/scrape',
    target: 10,
  });
  rows.push({
    name: `scrape ${SCRAPE_TENANTS * 5} tenant series, registry.metrics() of an @prometheus-io/client Registry`,
    baselineName: '@prometheus-io/client registry.metrics()',
    baseline: ioTheirsTime.cpu,
    ours: ioOursTime.cpu,
    unit: 'ns/scrape',
    target: 10,
  });
  notes.push(
    `Exposition size: prom-client ${(a.length / 1e6).toFixed(2)} MB, ours ${(b.length / 1e6).toFixed(2)} MB (ours adds care_vendor_calls_total and zero-initialised outcomes); the streamed body equals registry.metrics() byte for byte.`,
  );
}

async function drain(registry: PromRegistry): Promise<string> {
  let out = '';
  for await (const piece of await openExposition(registry)) out += piece;
  return out;
}

/**
 * Event-loop delay while a client process scrapes a service process over HTTP: ours through
 * careMetricsHandler, prom-client the usual way. Each round is a fresh service and client; rounds
 * alternate between the libraries. The client scrapes one at a time, first every 250 ms (faster
 * than any real Prometheus; the pace the target is held against), then back to back (a stress
 * figure: the service does nothing but scrapes, and a busy process waits longest for a CPU on a
 * loaded machine). Each round's p99 is listed; the median round's is held against the target, so
 * one round disturbed by another process on a shared machine neither passes nor fails it alone.
 */
async function scrapeDelayBench() {
  const paces: Pace[] = [
    { name: `every ${PACED_MS} ms`, intervalMs: PACED_MS },
    { name: 'back to back', intervalMs: 0 },
  ];
  const rounds: Round[] = [];
  const n = quick ? 1 : 5;
  const ms = quick ? 2000 : 5000;
  const idleMs = quick ? 1000 : 2000;
  for (let i = 0; i < n; i++) {
    for (const library of ['ours', 'prom-client'] as const) {
      rounds.push(await round(library, paces, ms, idleMs));
    }
  }
  const summary = (library: Library, pace: Pace) => {
    const mine = rounds.filter((r) => r.library === library).map((r) => r.phases.find((p) => p.pace === pace)!);
    const scrapes = mine.reduce((sum, p) => sum + p.client.scrapes, 0);
    const seconds = mine.reduce((sum, p) => sum + p.client.ms, 0) / 1000;
    return {
      p50: median(mine.map((p) => p.delay.p50)),
      p99: median(mine.map((p) => p.delay.p99)),
      p99s: mine.map((p) => p.delay.p99),
      max: Math.max(...mine.map((p) => p.delay.max)),
      perSecond: scrapes / seconds,
      gcPer20: (mine.reduce((sum, p) => sum + p.delay.gcMs, 0) / scrapes) * 20,
    };
  };
  const line = (name: string, s: ReturnType<typeof summary>, verdict: string) =>
    `| ${name} | ${s.p50.toFixed(1)} ms | **${s.p99.toFixed(1)} ms** (rounds: ${s.p99s.map((p) => p.toFixed(1)).join(', ')}) | ${s.max.toFixed(1)} ms | ${s.perSecond.toFixed(1)} | ${s.gcPer20.toFixed(0)} ms | ${verdict} |`;
  const lines: string[] = [];
  let backToBack = 0;
  for (const pace of paces) {
    const ours = summary('ours', pace);
    const theirs = summary('prom-client', pace);
    const held = pace.intervalMs === PACED_MS;
    const over = ours.p99s.filter((p) => p > DELAY_TARGET_MS).length;
    if (held) delayMet = ours.p99 <= DELAY_TARGET_MS;
    else backToBack = ours.perSecond / theirs.perSecond;
    const verdict = `${delayMet ? 'met' : 'MISSED'} (${over} of ${n} rounds above)`;
    lines.push(
      line(`ours (careMetricsHandler), scraped ${pace.name}`, ours, held ? verdict : ''),
      line(`prom-client (\`res.end(await registry.metrics())\`), scraped ${pace.name}`, theirs, ''),
    );
  }
  const idle = rounds.map((r) => r.idle);
  const floor = {
    p50: median(idle.map((d) => d.p50)),
    p99: median(idle.map((d) => d.p99)),
    max: Math.max(...idle.map((d) => d.max)),
  };
  lines.push(
    `| both services idle, nobody scraping (the machine's own share) | ${floor.p50.toFixed(1)} ms | ${floor.p99.toFixed(1)} ms (rounds: ${idle.map((d) => d.p99.toFixed(1)).join(', ')}) | ${floor.max.toFixed(1)} ms | | | |`,
  );
  delayTable = [
    `| service with ${SCRAPE_TENANTS * 5} tenant series | event-loop delay p50 | p99 (median round; each round) | max | scrapes/s | GC per 20 scrapes | target: p99 ≤ ${DELAY_TARGET_MS} ms at ${PACED_MS} ms |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...lines,
  ].join('\n');
  notes.push(
    `Scrape delay: ${n} alternating round(s) per library, each a fresh service process and a client process on 127.0.0.1 (${WARM_UP_SCRAPES} warm-up scrapes, then ${idleMs / 1000} s idle and ${ms / 1000} s at each pace, one scrape at a time). The service measures itself with perf_hooks.monitorEventLoopDelay (resolution ${DELAY_RESOLUTION_MS} ms, so an idle loop reads ≈ ${DELAY_RESOLUTION_MS} ms) and sums its GC pauses. Back to back, ours serves ${backToBack.toFixed(1)}× the scrapes per second of prom-client over HTTP.`,
  );
}

/** The client's pace for the delay target: a scrape every 250 ms. */
const PACED_MS = 250;
const DELAY_TARGET_MS = 20;
let delayTable = '';
let delayMet = true;

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function memoryBench() {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const m = createCareMetrics({ service: 'medication-history', registry: false });
  // 5,000 pharmacies at work, and a million distinct ids streaming in beside them (a scan, a bug).
  for (let i = 0; i < 1_000_000; i++) {
    m.recordCall({ operation: 'fetch-prescription', outcome: 'success', tenant: `tenant-${i}`, vendor: `v${i % 40}` });
    const p = i % 5_000;
    m.recordCall({
      operation: 'fetch-prescription',
      outcome: 'success',
      tenant: `apotheek-${p}`,
      vendor: `v${p % 40}`,
    });
  }
  gc?.();
  const after = process.memoryUsage().heapUsed;
  let exported = 0;
  for (let s = 0; s < tables(m).tenants.size; s++) exported += tables(m).tenants.exported[s]!;
  let pharmacies = 0;
  for (let p = 0; p < 5_000; p++) {
    const slot = tables(m).tenants.slot(`apotheek-${p}`);
    if (slot !== undefined && tables(m).tenants.exported[slot] === 1) pharmacies++;
  }
  notes.push(
    `1,000,000 distinct one-off tenant ids streaming beside 5,000 busy pharmacies, cap 10,000: ${exported} tenant series exported (${pharmacies} of the 5,000 pharmacies keep theirs), table holds ${tables(m).tenants.size}, heap grew ${((after - before) / 1024 / 1024).toFixed(1)} MiB${gc ? ' (after GC)' : ' (no --expose-gc: upper bound)'}.`,
  );
  if (exported > 10_000) throw new Error('tenant cap not honoured');
}

const fmt = (ns: number, unit: string) =>
  unit === 'ns/scrape' ? `${(ns / 1e6).toFixed(2)} ms` : `${ns.toFixed(ns < 100 ? 1 : 0)} ns`;

// Shared machines: the load others put on the CPUs shows in every figure, the delays most.
const loadAtStart = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(', ');
await recordCallBench();
rows.push(...(await stageRecordBench(time)));
rows.push(...(await vendorRecordBench(time)));
await scrapeBench();
await scrapeDelayBench();
memoryBench();

const lines = rows.map((r) => {
  const x = ratio(r);
  const verdict = x < r.target ? 'MISSED' : r.ambition !== undefined && x >= r.ambition ? 'met, ambition too' : 'met';
  return `| ${r.name} | ${r.baselineName}: ${fmt(r.baseline, r.unit)} | ${fmt(r.ours, r.unit)} | **${x.toFixed(1)}×** | ≥ ${r.target}×${r.ambition ? ` (ambition ${r.ambition}×)` : ''} | ${verdict} |`;
});
const table = ['| what | baseline | ours | ratio | target | |', '| --- | --- | --- | --- | --- | --- |', ...lines].join(
  '\n',
);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const md = `# @hartslag/metrics benchmarks

Latest \`pnpm bench\` (written by bench/index.ts; baselines measured in the same run: recording
(medians of wall-clock time) and scraping (CPU time per scrape, GC included) in one process,
event-loop delay in child processes, bench/scrape).

- machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.arch()}; load average when the run began: ${loadAtStart}
- node ${process.version}; date ${new Date().toISOString().slice(0, 10)}${quick ? '; --quick run (short)' : ''}

${table}

${delayTable}

${notes.map((n) => `- ${n}`).join('\n')}
`;
console.log(`\n${table}\n\n${delayTable}\n\n${notes.map((n) => `- ${n}`).join('\n')}`);
if (!quick) {
  // bench/collector.ts owns the section after its marker; keep it.
  const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = before.indexOf(COLLECTOR_SECTION);
  writeFileSync(file, at < 0 ? md : `${md}\n${before.slice(at)}`);
}
const missed = rows.filter((r) => ratio(r) < r.target).map((r) => r.name);
if (!delayMet) missed.push(`scrape event-loop delay p99 ≤ ${DELAY_TARGET_MS} ms`);
if (missed.length > 0) {
  console.error(`\ntarget missed: ${missed.join(', ')}`);
  process.exitCode = 1;
}
