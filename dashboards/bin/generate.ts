/**
 * Writes dashboards/json/<uid>.json, Grafana provisioning and the Prometheus files from the builders.
 *
 *   generate                    write the committed files
 *   generate --check [--dir D]  fail when the files in D (default dashboards/) differ: the CI drift check
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGenerated } from '@hartslag/common/generated';
import { checkDrift, DashboardsError, generateOutputs, PACKAGE_DIR } from '../src/index.js';

const USAGE = 'usage: generate [--check [--dir DIR]]';

function main(argv: string[]): number {
  let args: { check?: boolean; dir?: string };
  try {
    ({ values: args } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, dir: { type: 'string' } } }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.dir !== undefined && !args.check) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const outputs = generateOutputs();
    if (args.check) {
      checkDrift(outputs, args.dir === undefined ? PACKAGE_DIR : resolve(args.dir));
      process.stdout.write(`${outputs.length} generated files up to date\n`);
      return 0;
    }
    const changed = writeGenerated(outputs, PACKAGE_DIR);
    process.stdout.write(changed.length === 0 ? 'up to date\n' : `wrote ${changed.join(', ')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof DashboardsError || (e instanceof Error && 'code' in e)) {
      process.stderr.write(`${(e as DashboardsError).code}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
