import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DashboardsError } from '../errors.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Formats generated JSON with the repository's biome (short arrays on one line), so the committed
 * files pass `biome check` exactly as they are generated. Biome is a dev tool of the workspace,
 * present wherever generation runs.
 */
export function formatJson(text: string, name: string): string {
  const biome = `${ROOT}node_modules/.bin/biome`;
  const result = spawnSync(biome, ['format', `--stdin-file-path=${ROOT}dashboards/json/${name}`], {
    input: text,
    encoding: 'utf8',
    cwd: ROOT,
  });
  if (result.status !== 0) {
    throw new DashboardsError(
      'HARTSLAG_ERR_DASHBOARDS_FORMAT',
      `biome could not format the generated json/${name}: ${result.error?.message ?? result.stderr} — run pnpm install at the repository root`,
    );
  }
  return result.stdout;
}
