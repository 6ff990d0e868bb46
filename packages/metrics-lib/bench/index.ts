/**
 * `pnpm bench`: races @hartslag/metrics against the baselines named in the issue, in one process:
 * - recordCall vs the hand-written prom-client equivalent (3 calls: counter 4 labels, histogram 3,
 *   tenant counter 4), PII guard on;
 * - OpenTelemetry sdk-metrics per instrument call, for reference;
 * - a scrape of 55k series (11k tenants × 5 outcomes) vs prom-client's registry.metrics();
 * - heap after 1M distinct tenant ids (cap 10,000).
 * Prints baseline, ours and the ratio, writes BENCHMARKS.md, exits 1 when a target is missed.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { Registry } from 'prom-client';
import { createCareMetrics, OUTCOMES } from '../src/index.js';
import { handwritten } from '../test/support/handwritten.js';
import { calls } from './data.js';
import { nsPerOp, type Row, ratio } from './run.js';

const quick = process.argv.includes('--quick');
const time = quick ? 300 : 1500;
const rows: Row[] = [];
const notes: string[] = [];

async function recordCallBench() {
  const data = calls(4096);
  const mask = data.length - 1;
  const BATCH = 1000;
  const theirs = handwritten(new Registry(), 'medication-history');
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
    target: 10,
    ambition: 20,
  });
  rows.push({
    name: 'pre-bound handle record()',
    baselineName: 'prom-client hand-written, 3 calls',
    baseline: base,
    ours: ns['hartslag pre-bound handle']!,
    unit: 'ns/call',
    target: 10,
    ambition: 20,
  });
  notes.push(
    `OpenTelemetry sdk-metrics \`counter.add\` with 4 attributes: ${ns['OpenTelemetry sdk-metrics counter.add (1 call)']!.toFixed(0)} ns per instrument call (a full call record would take three).`,
  );
}

async function scrapeBench() {
  const TENANTS = 11_000;
  const theirsReg = new Registry();
  const theirs = handwritten(theirsReg, 'medication-history');
  const oursReg = new Registry();
  const ours = createCareMetrics({ service: 'medication-history', registry: oursReg, tenants: { max: 20_000 } });
  for (let t = 0; t < TENANTS; t++) {
    for (const outcome of OUTCOMES) {
      const tenant = `apotheek-${t}`;
      const vendor = `vendor-${t % 12}`;
      ours.recordCall({ operation: 'fetch-medication-history', outcome, code: '200', seconds: 0.05, tenant, vendor });
      theirs.record('fetch-medication-history', outcome, 0.05, '200', tenant, vendor);
    }
  }
  const [a, b] = [await theirsReg.metrics(), await oursReg.metrics()];
  const series = (text: string) => text.split('\n').filter((l) => l.startsWith('care_tenant_calls_total{')).length;
  if (series(a) !== TENANTS * 5 || series(b) !== TENANTS * 5) {
    throw new Error(`expected ${TENANTS * 5} tenant series, got prom-client ${series(a)}, ours ${series(b)}`);
  }
  const ns = await nsPerOp(
    {
      'prom-client registry.metrics()': () => void theirsReg.metrics(),
      'hartslag registry.metrics()': () => void oursReg.metrics(),
    },
    1,
    quick ? 2000 : 5000,
  );
  // metrics() is async but its work is synchronous up to the final join; await once more to be fair.
  const timeAsync = async (reg: Registry, n: number) => {
    const t0 = performance.now();
    for (let k = 0; k < n; k++) await reg.metrics();
    return ((performance.now() - t0) / n) * 1e6;
  };
  const theirsNs = Math.max(ns['prom-client registry.metrics()']!, await timeAsync(theirsReg, 5));
  const oursNs = Math.max(ns['hartslag registry.metrics()']!, await timeAsync(oursReg, 20));
  rows.push({
    name: `scrape ${TENANTS * 5} tenant series (+ calls, histogram)`,
    baselineName: 'prom-client registry.metrics()',
    baseline: theirsNs,
    ours: oursNs,
    unit: 'ns/scrape',
    target: 5,
  });
  notes.push(
    `Exposition size: prom-client ${(a.length / 1e6).toFixed(2)} MB, ours ${(b.length / 1e6).toFixed(2)} MB (ours adds care_vendor_calls_total and zero-initialised outcomes).`,
  );
}

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
  for (let s = 0; s < m.tenants.size; s++) exported += m.tenants.exported[s]!;
  let pharmacies = 0;
  for (let p = 0; p < 5_000; p++) {
    const slot = m.tenants.slot(`apotheek-${p}`);
    if (slot !== undefined && m.tenants.exported[slot] === 1) pharmacies++;
  }
  notes.push(
    `1,000,000 distinct one-off tenant ids streaming beside 5,000 busy pharmacies, cap 10,000: ${exported} tenant series exported (${pharmacies} of the 5,000 pharmacies keep theirs), table holds ${m.tenants.size}, heap grew ${((after - before) / 1024 / 1024).toFixed(1)} MiB${gc ? ' (after GC)' : ' (no --expose-gc: upper bound)'}.`,
  );
  if (exported > 10_000) throw new Error('tenant cap not honoured');
}

const fmt = (ns: number, unit: string) =>
  unit === 'ns/scrape' ? `${(ns / 1e6).toFixed(2)} ms` : `${ns.toFixed(ns < 100 ? 1 : 0)} ns`;

await recordCallBench();
await scrapeBench();
memoryBench();

const lines = rows.map((r) => {
  const x = ratio(r);
  const verdict = x >= r.target ? 'met' : 'MISSED';
  return `| ${r.name} | ${r.baselineName}: ${fmt(r.baseline, r.unit)} | ${fmt(r.ours, r.unit)} | **${x.toFixed(1)}×** | ≥ ${r.target}×${r.ambition ? ` (ambition ${r.ambition}×)` : ''} | ${verdict} |`;
});
const table = ['| what | baseline | ours | ratio | target | |', '| --- | --- | --- | --- | --- | --- |', ...lines].join(
  '\n',
);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const md = `# @hartslag/metrics benchmarks

Latest \`pnpm bench\` (written by bench/index.ts; medians, baselines measured in the same process).

- machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.arch()}
- node ${process.version}; date ${new Date().toISOString().slice(0, 10)}${quick ? '; --quick run (short)' : ''}

${table}

${notes.map((n) => `- ${n}`).join('\n')}
`;
console.log(`\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}`);
if (!quick) writeFileSync(fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url)), md);
const missed = rows.filter((r) => ratio(r) < r.target);
if (missed.length > 0) {
  console.error(`\ntarget missed: ${missed.map((r) => r.name).join(', ')}`);
  process.exitCode = 1;
}
