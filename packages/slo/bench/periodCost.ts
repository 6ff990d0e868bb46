/**
 * What the 30-day error ratio of many SLOs costs the real Prometheus: the steps form (calls and
 * failed calls recorded in 5-minute steps, the ratio as sums of the month's steps) against the
 * naive form, `rate(x[30d])` over the raw counters (a month of samples per series at every
 * evaluation), at the same instant, each held against the exact synthetic counts. Writes the
 * figures to BENCHMARKS.md. Not part of the tests: `pnpm --filter @hartslag/slo bench`.
 *   HARTSLAG_BENCH_SLOS (default 200), HARTSLAG_BENCH_ROUNDS (default 5)
 *
 * The steps are what the generated period group records once a step
 * (test/rules/period.steps.prometheus.test.ts replays its evaluations, a restart and a scrape gap
 * included): once the previous step is recorded, its value is what the counters counted in the
 * last 5 minutes, so one range query over the raw counters at the steps' instants writes them,
 * and a second Prometheus holds raw counters and steps. Each form is timed as the instant queries
 * the generated rules make at the month's end.
 */

import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promtoolCreateBlocks, startPrometheus } from '@hartslag/testkit';
import { generateRules } from '../src/rules/generate.js';
import { isPeriodGroup, SERIES } from '../src/rules/names.js';
import { errorRatio } from '../src/rules/promql.js';
import { parseSpec } from '../src/spec/parseSpec.js';

const SLOS = Number(process.env.HARTSLAG_BENCH_SLOS ?? 200);
const ROUNDS = Number(process.env.HARTSLAG_BENCH_ROUNDS ?? 5);
const MINUTE = 60;
const STEP = 300;
const DAY = 86_400;
const END = Date.parse('2026-11-30T00:00:00Z') / 1000;
const FROM = END - 31 * DAY;
const service = (i: number) => `svc-${i}`;
/** The month in one block: 2-hour blocks (promtool's default) make loading and reading it far slower. */
const MONTH_BLOCK = '745h';

/** Calls and failed calls of SLO `i` in the minute ending at `t`: uneven days, each SLO its own. */
function calls(i: number, t: number): [number, number] {
  const hour = Math.floor((t % DAY) / 3600);
  const n = (hour >= 8 && hour < 11 ? 120 : hour >= 7 && hour < 19 ? 20 : 1) + (i % 5);
  const failed = (t / MINUTE + i) % 151 === 0 ? n : (t / MINUTE) % 37 === 0 ? 1 : 0;
  return [n - failed, failed];
}

/** A month of counters scraped every minute, streamed to OpenMetrics; the exact ratio per SLO. */
async function writeCounters(file: string): Promise<number[]> {
  const out = createWriteStream(file);
  // Waits for the stream to drain when its buffer is full: a month of 200 SLOs is gigabytes.
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('# TYPE care_calls counter\n');
  const exact: number[] = [];
  for (let i = 0; i < SLOS; i++) {
    const sel = `service="${service(i)}",operation="op"`;
    let ok = 0;
    let failed = 0;
    let inTotal = 0;
    let inFailed = 0;
    const okLines = [`care_calls_total{${sel},outcome="success"} 0 ${FROM}`];
    const badLines = [`care_calls_total{${sel},outcome="server_error"} 0 ${FROM}`];
    for (let t = FROM + MINUTE; t <= END; t += MINUTE) {
      const [o, f] = calls(i, t);
      ok += o;
      failed += f;
      if (t > END - 30 * DAY) {
        inTotal += o + f;
        inFailed += f;
      }
      okLines.push(`care_calls_total{${sel},outcome="success"} ${ok} ${t}`);
      badLines.push(`care_calls_total{${sel},outcome="server_error"} ${failed} ${t}`);
    }
    exact.push(inFailed / inTotal);
    await write(`${okLines.join('\n')}\n${badLines.join('\n')}\n`);
  }
  await write('# EOF\n');
  await new Promise((resolve) => out.end(resolve));
  return exact;
}

const spec = (i: number) => `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${service(i)} }
spec:
  service: ${service(i)}
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.999 }]
  indicator:
    metadata: { name: calls }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${service(i)}",outcome=~"server_error|timeout"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="${service(i)}"}' } } }
`;

interface Forms {
  naive: string[];
  steps: string[];
}

/** Per SLO: the naive expression, and what the generated period group evaluates (its two steps and the ratio). */
function forms(): Forms {
  const naive: string[] = [];
  const steps: string[] = [];
  for (let i = 0; i < SLOS; i++) {
    const file = parseSpec(spec(i), `slo-${i}.yaml`);
    naive.push(errorRatio(file.slos[0]!.indicator, 30 * DAY));
    const period = generateRules(file).groups.find(isPeriodGroup)!;
    const expr = (record: string) => period.rules.find((r) => 'record' in r && r.record === record)!.expr;
    steps.push(expr(SERIES.stepCalls), expr(SERIES.stepFailedCalls), expr(SERIES.errorRatio(30 * DAY)));
  }
  return { naive, steps };
}

interface Answer {
  data: {
    result: { metric: Record<string, string>; value: [number, string] }[];
    stats?: { timings?: { execTotalTime?: number } };
  };
}

async function instant(url: string, promql: string): Promise<{ value: number | undefined; ms: number }> {
  const u = new URL('/api/v1/query', url);
  u.search = new URLSearchParams({ query: promql, time: String(END), stats: 'all' }).toString();
  const body = (await (await fetch(u)).json()) as Answer;
  const value = body.data.result[0]?.value[1];
  return {
    value: value === undefined ? undefined : Number(value),
    ms: (body.data.stats?.timings?.execTotalTime ?? Number.NaN) * 1000,
  };
}

/** The steps the period group records over the month, as OpenMetrics. */
async function recordSteps(url: string): Promise<string> {
  const range = async (outcome: string) => {
    const u = new URL('/api/v1/query_range', url);
    // What each step counts once the previous one exists (rules/promql.ts counterSinceLastStep).
    const q = `sum by (service) (last_over_time(care_calls_total${outcome}[1h]) - last_over_time(care_calls_total${outcome}[1h] offset 5m))`;
    u.search = new URLSearchParams({
      query: q,
      start: String(FROM + STEP),
      end: String(END),
      step: String(STEP),
    }).toString();
    const body = (await (await fetch(u)).json()) as {
      data: { result: { metric: { service: string }; values: [number, string][] }[] };
    };
    return new Map(body.data.result.map((s) => [s.metric.service, s.values]));
  };
  const all = await range('');
  const bad = await range('{outcome=~"server_error|timeout"}');
  const lines = [`# TYPE ${SERIES.stepCalls} gauge`];
  const badLines = [`# TYPE ${SERIES.stepFailedCalls} gauge`];
  for (let i = 0; i < SLOS; i++) {
    const labels = `{slo="${service(i)}",service="${service(i)}"}`;
    for (const [t, v] of all.get(service(i)) ?? []) lines.push(`${SERIES.stepCalls}${labels} ${v} ${t}`);
    for (const [t, v] of bad.get(service(i)) ?? []) badLines.push(`${SERIES.stepFailedCalls}${labels} ${v} ${t}`);
  }
  return `${lines.join('\n')}\n${badLines.join('\n')}\n# EOF\n`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-bench-'));
  try {
    const exact = await writeCounters(join(dir, 'counters.om.txt'));
    const blocks = promtoolCreateBlocks(join(dir, 'counters.om.txt'), join(dir, 'blocks'), MONTH_BLOCK);
    if (!blocks.ok) throw new Error(`promtool could not backfill the counters: ${blocks.output}`);
    rmSync(join(dir, 'counters.om.txt'));
    console.log(`backfilled ${SLOS} SLOs × 31 days in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const raw = await startPrometheus([], { blocks: join(dir, 'blocks'), retention: '3650d' });
    const steps = await recordSteps(raw.url).finally(() => raw.stop());
    await writeFile(join(dir, 'steps.om.txt'), steps);
    const stepBlocks = promtoolCreateBlocks(join(dir, 'steps.om.txt'), join(dir, 'blocks'), MONTH_BLOCK);
    if (!stepBlocks.ok) throw new Error(`promtool could not backfill the steps: ${stepBlocks.output}`);
    const prometheus = await startPrometheus([], { blocks: join(dir, 'blocks'), retention: '3650d' });
    console.log(`recorded the month's steps in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    try {
      const { naive, steps: stepForms } = forms();
      const cost = { naive: [] as number[], steps: [] as number[] };
      const worst = { naive: 0, steps: 0 };
      for (let r = 0; r < ROUNDS + 1; r++) {
        let naiveMs = 0;
        let stepsMs = 0;
        for (let i = 0; i < SLOS; i++) {
          const n = await instant(prometheus.url, naive[i]!);
          naiveMs += n.ms;
          worst.naive = Math.max(worst.naive, Math.abs((n.value ?? Number.NaN) - exact[i]!) / exact[i]!);
          for (let k = 0; k < 3; k++) {
            const s = await instant(prometheus.url, stepForms[3 * i + k]!);
            stepsMs += s.ms;
            if (k === 2) worst.steps = Math.max(worst.steps, Math.abs((s.value ?? Number.NaN) - exact[i]!) / exact[i]!);
          }
        }
        // The first round warms the caches; Prometheus' own execution time, not the HTTP round trip.
        if (r > 0) {
          cost.naive.push(naiveMs);
          cost.steps.push(stepsMs);
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const n = median(cost.naive);
      const s = median(cost.steps);
      const md = `# @hartslag/slo benchmarks

Cost of the 30-day error ratio of ${SLOS} SLOs on the real Prometheus (${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores shared,
Node ${process.version}, ${new Date().toISOString().slice(0, 10)}): one evaluation of every SLO's period expressions at the month's end,
median of ${ROUNDS} rounds of Prometheus' own execution time (\`stats=all\`, summed over the SLOs), after 31 days of
counters scraped every 60 s, uneven traffic (busy mornings, one call a minute at night). Run: \`pnpm --filter @hartslag/slo bench\`.

| form | ms per evaluation of all SLOs | worst difference from the exact counts |
| --- | ---: | ---: |
| \`rate(care_calls_total[30d])\` (baseline, the naive form) | ${n.toFixed(1)} | ${(worst.naive * 100).toFixed(4)} % |
| steps (the generated period group): the calls and failed-calls steps + \`sum_over_time(steps[30d])\` | ${s.toFixed(1)} | ${(worst.steps * 100).toFixed(4)} % |

The steps form costs ${(s / n).toFixed(3)}× the naive one (${(n / s).toFixed(1)}× cheaper): each evaluation reads the
raw samples of the last half hour and, for each of the seven instants the previous step may lie at, of the hour before it
(the latest sample there), and one recorded sample per 5 minutes of the month, instead of every raw sample of the month. Both weigh every call once. The steps were recorded
from the same counters at their 5-minute instants (once the previous step exists, a step is the
last 5 minutes' calls); \`test/rules/period.steps.prometheus.test.ts\` replays the steps' evaluations,
a 25-minute restart and a 40-minute scrape gap included, against the exact counts.
`;
      await writeFile(new URL('../BENCHMARKS.md', import.meta.url), md);
      console.log(md);
    } finally {
      await prometheus.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
