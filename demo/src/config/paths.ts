import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository the demo runs in: every path below is relative to it, never to the caller's folder. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Ignored by git (.gitignore: `.hartslag/`). */
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.hartslag', 'demo');

/**
 * The SLO specs the demo judges: the availability objectives with the coffee-break and silence
 * rules (packages/slo), the latency objectives of the load tests, and the demo's own freshness
 * SLO on the platform's message pipeline.
 */
export const SPEC_FILES = ['packages/slo/examples/slos.yaml', 'loadtests/slos.yaml', 'demo/slos.yaml'] as const;

export const GRAFANA_PANEL_DIR = path.join(REPO_ROOT, 'packages', 'grafana-panel');

/** The files of one run, under its data dir. */
export function demoPaths(dataDir: string) {
  return {
    dataDir,
    platform: path.join(dataDir, 'platform'),
    statusDb: path.join(dataDir, 'status.sqlite'),
    rules: path.join(dataDir, 'rules.yaml'),
    prometheusConfig: path.join(dataDir, 'prometheus.yml'),
    prometheusData: path.join(dataDir, 'prometheus'),
    panelData: path.join(dataDir, 'panel', 'today.json'),
  };
}

export type DemoPaths = ReturnType<typeof demoPaths>;
