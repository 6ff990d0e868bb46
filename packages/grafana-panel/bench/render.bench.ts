/**
 * `pnpm bench`: the panel's cost on its default view — five weeks of 1-minute pharmacy traffic
 * (≈51k points) in Europe/Amsterdam — each against a baseline measured in the same run:
 * 1. in Node: fold + band + anomalies (@hartslag/rhythm's compareWithUsual) against a plain loop
 *    summing the same values into 1440 minute buckets; medians of 30 runs after 10 warm-ups;
 * 2. in Chromium: the panel's first render (props set → uPlot canvas drawn, performance.now() in
 *    the page) against a bare uPlot with one 1440-point series in the same harness page; medians
 *    of 10 fresh page loads each, interleaved.
 * Writes BENCHMARKS.md, exits 1 when a target is missed.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { compareWithUsual } from '@hartslag/rhythm';
import { launchChromium } from '@hartslag/testkit';
import { buildHarness, buildPlugin } from '../harness/build.js';
import { pharmacyTraffic, toHarnessData } from '../harness/fixtures/pharmacyTraffic.js';
import { startHarnessServer } from '../harness/serve.js';

const NODE_TARGET_MS = 10;
const RENDER_TARGET_MS = 100;
const NODE_RUNS = 30;
const PAGE_LOADS = 10;
const STEP = 60_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const time = (fn: () => unknown) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

const traffic = pharmacyTraffic();
const { points, now, timeZone } = traffic;
let sink = 0;

// 1. Node
const ours = () => {
  const c = compareWithUsual(points, { now, timeZone, step: STEP, margin: 0.2 });
  sink += c.anomalies.anomalousMinutes + (c.band.median[0] ?? 0);
};
const baseline = () => {
  const sums = new Float64Array(1440);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (p.v !== null) sums[Math.floor(p.t / STEP) % 1440]! += p.v;
  }
  sink += sums[0]!;
};
const nodeCold = time(ours);
for (let i = 0; i < 10; i++) {
  baseline();
  ours();
}
const nodeRuns = { ours: [] as number[], baseline: [] as number[] };
for (let i = 0; i < NODE_RUNS; i++) {
  nodeRuns.baseline.push(time(baseline));
  nodeRuns.ours.push(time(ours));
}

// 2. Chromium
const pluginDir = process.env.HARNESS_PLUGIN_DIR;
if (!pluginDir) await buildPlugin();
await buildHarness();
const server = await startHarnessServer({ data: { pharmacy: toHarnessData(traffic) }, pluginDir });
const browser = await launchChromium();
const chromiumVersion = browser.version();
const renderRuns = { panel: [] as number[], uplot: [] as number[] };
try {
  for (let i = 0; i < PAGE_LOADS; i++) {
    for (const view of ['uplot', 'panel'] as const) {
      const page = await browser.newPage({ viewport: { width: 1040, height: 440 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${server.url}?data=/data/pharmacy.json&now=${now}&tz=${timeZone}&view=${view}&measure=1`);
      await page.waitForFunction(() => window.hartslagHarness?.state !== 'loading', null, { timeout: 30_000 });
      const api = await page.evaluate(() => ({
        ms: window.hartslagHarness.firstRenderMs,
        error: window.hartslagHarness.error,
      }));
      await page.close();
      if (api.error || errors.length > 0 || api.ms === undefined) {
        throw new Error(`the ${view} page failed: ${api.error?.message ?? errors.join('\n')}`);
      }
      renderRuns[view].push(api.ms);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const rows = [
  {
    what: 'fold + band (same weekday, 4 weeks) + anomalies, in Node',
    baseline: `plain loop into 1440 buckets: ${fmt(median(nodeRuns.baseline))}`,
    ms: median(nodeRuns.ours),
    base: median(nodeRuns.baseline),
    target: NODE_TARGET_MS,
  },
  {
    what: 'first render of the panel (props → uPlot canvas drawn), in Chromium',
    baseline: `bare uPlot, one 1440-point series: ${fmt(median(renderRuns.uplot))}`,
    ms: median(renderRuns.panel),
    base: median(renderRuns.uplot),
    target: RENDER_TARGET_MS,
  },
];
const met = rows.every((r) => r.ms <= r.target);
const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}`;
const lines = [
  '# @hartslag/grafana-panel benchmarks',
  '',
  'Latest `pnpm bench` (written by bench/render.bench.ts; baselines measured in the same run).',
  '',
  `- machine: ${machine}`,
  `- node ${process.version}; Chromium ${chromiumVersion} (Debian, headless); date ${new Date().toISOString().slice(0, 10)}`,
  `- data: ${points.length} points, 1-minute pharmacy call rates over 35 days up to ${new Date(now).toISOString()} in ${timeZone} (including the 25-hour day 2026-10-25), one 25-minute stall today`,
  `- Node: medians of ${NODE_RUNS} runs after 10 warm-ups. Chromium: medians of ${PAGE_LOADS} fresh page loads per view, interleaved; the built ${pluginDir ? `plugin from ${pluginDir}` : 'dist/module.js'} in the harness page (harness/README.md), 1000×400, timed from \`root.render()\` of the panel to the last canvas stroke/fill of its first frame`,
  '',
  '| what | baseline | ours | ratio | target | |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.what} | ${r.baseline} | ${fmt(r.ms)} | ${(r.ms / r.base).toFixed(1)}× the baseline | ≤ ${r.target} ms | ${r.ms <= r.target ? 'met' : '**missed**'} |`,
  ),
  '',
  `- Node, first call in a fresh process (Intl formatter, DST bisection): ${fmt(nodeCold)}.`,
  `- Chromium, all runs (ms): panel ${renderRuns.panel.map((x) => x.toFixed(1)).join(', ')}; bare uPlot ${renderRuns.uplot.map((x) => x.toFixed(1)).join(', ')}.`,
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), lines.join('\n'));
if (sink === Number.NEGATIVE_INFINITY) process.stdout.write('unreachable\n');
process.exitCode = met ? 0 : 1;
