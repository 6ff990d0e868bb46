import { spawnSync } from 'node:child_process';
import { requireTool } from './requireTool.js';

/** Runs the real `promtool check metrics` on an exposition; `output` holds its complaints (empty when valid). */
export function promtoolCheckMetrics(exposition: string): { ok: boolean; output: string } {
  requireTool('promtool');
  const r = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}
