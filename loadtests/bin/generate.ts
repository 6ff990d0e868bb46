/**
 * Writes loadtests/k6/<scenario>.js and loadtests/artillery/<scenario>.yml from the catalogue.
 *
 *   generate                     write the committed files (profile defaults)
 *   generate --check [--dir D]   fail when the files in D (default loadtests/) differ from what the
 *                                catalogue generates: the CI drift check
 *   generate --out DIR           write to DIR at the scale of HARTSLAG_PEAK_USERS, HARTSLAG_BACKLOG
 *                                and HARTSLAG_TIME_SCALE (the full profile; smoke keeps its defaults)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { drifted, writeGenerated } from '@hartslag/common/generated';
import { LoadtestError } from '../src/errors.js';
import { generateOutputs, PACKAGE_DIR } from '../src/generate/outputs.js';
import { PROFILE_DEFAULTS, readScale } from '../src/scale.js';
import { loadThresholds } from '../src/thresholds/fromSpec.js';

const USAGE = 'usage: generate [--check [--dir DIR] | --out DIR]';

function main(argv: string[]): number {
  let args: { check?: boolean; dir?: string; out?: string };
  try {
    ({ values: args } = parseArgs({
      args: argv,
      options: { check: { type: 'boolean' }, dir: { type: 'string' }, out: { type: 'string' } },
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if ((args.out !== undefined && (args.check || args.dir !== undefined)) || (args.dir !== undefined && !args.check)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const thresholds = loadThresholds();
  if (args.out !== undefined) {
    const dir = resolve(args.out);
    const full = readScale({ ...process.env, HARTSLAG_PROFILE: 'full' });
    const outputs = generateOutputs(thresholds, { smoke: PROFILE_DEFAULTS.smoke, full });
    writeGenerated(outputs, dir);
    process.stdout.write(
      `wrote ${outputs.length} files to ${dir} (peak users ${full.peakUsers}, backlog ${full.backlog})\n`,
    );
    return 0;
  }
  const outputs = generateOutputs(thresholds);
  if (args.check) {
    const stale = drifted(outputs, args.dir === undefined ? PACKAGE_DIR : resolve(args.dir));
    if (stale.length === 0) return 0;
    const error = new LoadtestError(
      'HARTSLAG_ERR_LOADTEST_DRIFT',
      `generated files differ from the scenario catalogue: ${stale.join(', ')} — run pnpm --filter @hartslag/loadtests generate and commit the result`,
    );
    process.stderr.write(`${error.code}: ${error.message}\n`);
    return 1;
  }
  const changed = writeGenerated(outputs, PACKAGE_DIR);
  process.stdout.write(changed.length === 0 ? 'up to date\n' : `wrote ${changed.join(', ')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
