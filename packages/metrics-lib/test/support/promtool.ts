import { spawnSync } from 'node:child_process';

/** Runs the real `promtool check metrics` on an exposition; returns its complaints (empty when valid). */
export function promtoolCheckMetrics(exposition: string): { ok: boolean; output: string } {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (r.error) throw new Error(`promtool could not run (${r.error.message}); install Debian's "prometheus" package`);
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}
