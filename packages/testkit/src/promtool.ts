import { spawnSync } from 'node:child_process';
import { requireTool } from './requireTool.js';

/** Runs the real `promtool check metrics` on an exposition; `output` holds its complaints (empty when valid). */
export function promtoolCheckMetrics(exposition: string): { ok: boolean; output: string } {
  requireTool('promtool');
  const r = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/** Runs the real `promtool check rules` on a rule file. */
export function promtoolCheckRules(file: string): { ok: boolean; output: string } {
  requireTool('promtool');
  const r = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/** Runs the real `promtool test rules` on a unit-test file. */
export function promtoolTestRules(file: string): { ok: boolean; output: string; seconds: number } {
  requireTool('promtool');
  const started = performance.now();
  const r = spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim(), seconds: (performance.now() - started) / 1000 };
}

/**
 * Runs the real `promtool tsdb create-blocks-from openmetrics`: an OpenMetrics file to TSDB blocks in `outDir`.
 * `maxBlockDuration` (e.g. "745h") writes a month as one block instead of one per 2 hours, which
 * Prometheus opens and reads much faster.
 */
export function promtoolCreateBlocks(
  openMetricsFile: string,
  outDir: string,
  maxBlockDuration?: string,
): { ok: boolean; output: string } {
  requireTool('promtool');
  const flags = maxBlockDuration === undefined ? [] : [`--max-block-duration=${maxBlockDuration}`];
  const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', ...flags, openMetricsFile, outDir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}
