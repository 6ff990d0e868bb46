import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GeneratedFile } from '@hartslag/common/generated';
import { LoadtestError } from '../errors.js';
import { PROFILE_DEFAULTS, type Profile, type Scale } from '../scale.js';
import { SCENARIOS } from '../scenarios/catalogue.js';
import { planScenario } from '../scenarios/plan.js';
import type { ScenarioPlan } from '../scenarios/Scenario.js';
import type { OperationThresholds } from '../thresholds/Thresholds.js';
import { renderArtillery } from './artillery.js';
import { renderK6 } from './k6.js';
import { renderK6Operator } from './k6Operator.js';

/** The package directory (loadtests/), where generated files go. */
export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** A generated file, its path relative to loadtests/. */
export type Output = GeneratedFile;

/**
 * Every generated file: per scenario a k6 script and an Artillery script, each carrying both
 * profiles, and the k6-operator manifests that run the k6 script at the full profile. `scales` defaults to the profile defaults — what is committed and drift-checked.
 */
export function generateOutputs(
  thresholds: readonly OperationThresholds[],
  scales: Readonly<Record<Profile, Scale>> = PROFILE_DEFAULTS,
): Output[] {
  return SCENARIOS.flatMap((scenario) => {
    const plans: Record<Profile, ScenarioPlan> = {
      smoke: planScenario(scenario, scales.smoke, thresholds),
      full: planScenario(scenario, scales.full, thresholds),
    };
    const k6 = formatJs(renderK6(plans), `${scenario.id}.js`);
    return [
      { path: `k6/${scenario.id}.js`, content: k6 },
      { path: `artillery/${scenario.id}.yml`, content: renderArtillery(plans) },
      { path: `k6-operator/${scenario.id}.yaml`, content: renderK6Operator(plans.full, k6) },
    ];
  });
}

/**
 * Formats JS with the repository's biome, so the committed scripts pass `biome check` as they
 * are generated. Biome is a dev tool of the workspace, present wherever generation runs.
 */
function formatJs(text: string, name: string): string {
  const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));
  const result = spawnSync(biome, ['format', `--stdin-file-path=${PACKAGE_DIR}k6/${name}`], {
    input: text,
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('../../../', import.meta.url)),
  });
  if (result.status !== 0) {
    throw new LoadtestError(
      'HARTSLAG_ERR_LOADTEST_GENERATE',
      `biome could not format the generated k6/${name}: ${result.error?.message ?? result.stderr} — run pnpm install at the repository root`,
    );
  }
  return result.stdout;
}
