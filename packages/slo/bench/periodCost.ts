/**
 * What a 30-day error ratio costs the real Prometheus, for many SLOs: the naive form on the raw
 * counters (`rate(care_calls_total[30d])`, a month of samples per series at every evaluation)
 * against the event-weighted form over recorded 5-minute increases (`sum_over_time(…[30d])` of
 * one recorded sample per 5 minutes). Both are held against the exact counts. Writes the figures
 * to BENCHMARKS.md. Not part of the tests: `pnpm --filter @hartslag/slo bench`.
 *   HARTSLAG_BENCH_SLOS (default 200), HARTSLAG_BENCH_ROUNDS (default 5)
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startPrometheus } from '@hartslag/testkit';

const SLOS = Number(process.env.HARTSLAG_BENCH_SLOS ?? 200);
const ROUNDS = Number(process.env.HARTSLAG_BENCH_ROUNDS ?? 5);
const MINUTE = 60;
const STEP = 300;
const DAY = 86_400;
const END = Date.parse('2026-11-30T00:00:00Z') / 1000;
const FROM = END - 31 * DAY;

/** Calls and failed calls of SLO `i` in the minute ending at `t`: uneven days, each SLO its own. */
function calls(i: number, t: number): [number, number] {
  const hour = Math.floor((t % DAY) / 3600);
  const n = (hour >= 8 && hour < 11 ? 120 : hour >= 7 && hour < 19 ? 20 : 1) + (i % 5);
  const failed = (t / MINUTE + i) % 151 === 0 ? n : (t / MINUTE) % 37 === 0 ? 1 : 0;
  return [n - failed, failed];
}

function openMetrics(): { text: string; exact: number[] } {
  const lines: string[] = ['# TYPE care_calls counter', '# TYPE slo_calls gauge', '# TYPE slo_failed_calls gauge'];
  const exact: number[] = [];
  for (let i = 0; i < SLOS; i++) {
    const sel = `service="svc-${i}",operation="op"`;
    let ok = 0;
    let failed = 0;
    let stepTotal = 0;
    let stepFailed = 0;
    let inTotal = 0;
    let inFailed = 0;
    const okLines = [`care_calls_total{${sel},outcome="success"} 0 ${FROM}`];
    const badLines = [`care_calls_total{${sel},outcome="server_error"} 0 ${FROM}`];
    const rec: string[] = [];
    for (let t = FROM + MINUTE; t <= END; t += MINUTE) {
      const [o, f] = calls(i, t);
      ok += o;
      failed += f;
      stepTotal += o + f;
      stepFailed += f;
      if (t > END - 30 * DAY) {
        inTotal += o + f;
        inFailed += f;
      }
      okLines.push(`care_calls_total{${sel},outcome="success"} ${ok} ${t}`);
      badLines.push(`care_calls_total{${sel},outcome="server_error"} ${failed} ${t}`);
      // What a 5-minute recording rule would have stored: the calls of the 5 minutes up to t.
      if ((t - FROM) % STEP === 0) {
        rec.push(
          `slo_calls_increase5m{${sel}} ${stepTotal} ${t}`,
          `slo_failed_calls_increase5m{${sel}} ${stepFailed} ${t}`,
        );
        stepTotal = 0;
        stepFailed = 0;
      }
    }
    exact.push(inFailed / inTotal);
    lines.push(...okLines, ...badLines, ...rec);
  }
  // OpenMetrics wants each family's samples together.
  const family = (name: string) => lines.filter((l) => l.startsWith(`${name}{`));
  const text = [
    '# TYPE care_calls counter',
    ...family('care_calls_total'),
    '# TYPE slo_calls_increase5m gauge',
    ...family('slo_calls_increase5m'),
    '# TYPE slo_failed_calls_increase5m gauge',
    ...family('slo_failed_calls_increase5m'),
    '# EOF',
    '',
  ].join('\n');
  return { text, exact };
}

const FORMS = {
  naive:
    'sum by (service) (rate(care_calls_total{outcome="server_error"}[30d])) / sum by (service) (rate(care_calls_total[30d]))',
  eventWeighted:
    'sum by (service) (sum_over_time(slo_failed_calls_increase5m[30d])) / sum by (service) (sum_over_time(slo_calls_increase5m[30d]))',
} as const;

async function main(): Promise<void> {
  const started = Date.now();
  const { text, exact } = openMetrics();
  const prometheus = await startPrometheus([], { backfill: text });
  console.log(`backfilled ${SLOS} SLOs × 31 days in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  try {
    const results: Record<string, { ms: number[]; worst: number }> = {};
    for (const [name, promql] of Object.entries(FORMS)) {
      const ms: number[] = [];
      let worst = 0;
      for (let r = 0; r < ROUNDS + 1; r++) {
        const u = new URL('/api/v1/query', prometheus.url);
        u.search = new URLSearchParams({ query: promql, time: String(END), stats: 'all' }).toString();
        const body = (await (await fetch(u)).json()) as {
          data: {
            result: { metric: { service: string }; value: [number, string] }[];
            stats?: { timings?: { execTotalTime?: number } };
          };
        };
        if (body.data.result.length !== SLOS)
          throw new Error(`${name}: ${body.data.result.length} series, not ${SLOS}`);
        for (const s of body.data.result) {
          const i = Number(s.metric.service.slice(4));
          worst = Math.max(worst, Math.abs(Number(s.value[1]) - exact[i]!) / exact[i]!);
        }
        // The first round warms the caches; Prometheus' own execution time, not the HTTP round trip.
        if (r > 0) ms.push((body.data.stats?.timings?.execTotalTime ?? Number.NaN) * 1000);
      }
      results[name] = { ms: ms.sort((a, b) => a - b), worst };
    }
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
    const naive = median(results.naive!.ms);
    const weighted = median(results.eventWeighted!.ms);
    const rows = Object.entries(results).map(
      ([name, r]) =>
        `| ${name === 'naive' ? '`rate(care_calls_total[30d])` (baseline)' : '`sum_over_time(increase5m[30d])`'} | ${median(r.ms).toFixed(1)} | ${(r.worst * 100).toFixed(4)} % |`,
    );
    const md = `# @hartslag/slo benchmarks

Cost of the 30-day error ratio of ${SLOS} SLOs on the real Prometheus (${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores shared,
Node ${process.version}, ${new Date().toISOString().slice(0, 10)}): one evaluation of all SLOs at the month's end,
median of ${ROUNDS} rounds of Prometheus' own execution time (\`stats=all\`), after 31 days of counters scraped every
60 s, uneven traffic (busy mornings, one call a minute at night). Run: \`pnpm --filter @hartslag/slo bench\`.

| form | ms per evaluation of all SLOs | worst difference from the exact counts |
| --- | ---: | ---: |
${rows.join('\n')}

The event-weighted form costs ${(weighted / naive).toFixed(3)}× the naive one (${(naive / weighted).toFixed(1)}× cheaper): it reads one
recorded sample per 5 minutes instead of one raw sample per scrape per series. Both weigh every call once.
`;
    writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), md);
    console.log(md);
  } finally {
    await prometheus.stop();
  }
}

await main();
