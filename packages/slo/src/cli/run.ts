import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CliUsageError, FileReadError, formatWarning, HartslagSloError } from '../errors.js';
import { generateRules, renderRules } from '../rules/generate.js';
import { parseSpec } from '../spec/parseSpec.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `usage:
  hartslag slo validate <slos.yaml>
      check a spec; every problem is listed as file:line: field message
  hartslag slo generate <slos.yaml> [-o rules.yaml] [--check]
      write Prometheus rules (recording, burn-rate, coffee-break and silence alerts);
      to stdout without -o; --check fails when the file at -o differs from what would be written`;

/** Runs the CLI; returns the exit code (0 ok, 1 invalid spec or drift, 2 usage or file error). */
export function run(argv: string[], io: Io): number {
  try {
    return dispatch(argv, io);
  } catch (err) {
    if (err instanceof HartslagSloError) {
      io.err(`${err.message}\n`);
      return err instanceof CliUsageError || err instanceof FileReadError ? 2 : 1;
    }
    throw err;
  }
}

function dispatch(argv: string[], io: Io): number {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const [area, command, file, ...extra] = positionals;
  if (area !== 'slo' || (command !== 'validate' && command !== 'generate')) {
    throw new CliUsageError(`unknown command "${positionals.join(' ')}"\n${USAGE}`);
  }
  if (file === undefined) throw new CliUsageError(`missing the spec file\n${USAGE}`);
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"\n${USAGE}`);
  if (command === 'validate' && (values.output !== undefined || values.check)) {
    throw new CliUsageError(`validate takes no -o or --check\n${USAGE}`);
  }
  if (values.check && values.output === undefined) {
    throw new CliUsageError(`--check needs -o <rules.yaml> to compare with\n${USAGE}`);
  }
  const spec = parseSpec(read(file), basename(file));
  // What was read past goes to stderr, so that generated rules on stdout stay clean.
  for (const w of spec.warnings ?? []) io.err(`${formatWarning(w)}\n`);
  if (command === 'validate') {
    io.out(
      `${file}: ${spec.slos.length} SLO${spec.slos.length === 1 ? '' : 's'} valid (${spec.slos.map((s) => s.name).join(', ')})\n`,
    );
    return 0;
  }
  const text = renderRules(generateRules(spec), basename(file));
  if (values.check && values.output !== undefined) {
    if (readOrEmpty(values.output) !== text) {
      io.err(
        `${values.output} is not what ${file} generates; run: hartslag slo generate ${file} -o ${values.output}\n`,
      );
      return 1;
    }
    io.out(`${values.output} is up to date\n`);
    return 0;
  }
  if (values.output === undefined) {
    io.out(text);
    return 0;
  }
  // Write beside, then rename: a failed write never leaves half a rule file for Prometheus to load.
  const tmp = `${values.output}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, values.output);
  io.err(`wrote ${values.output}: ${spec.slos.length} SLO(s)\n`);
  return 0;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        check: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new CliUsageError(`${(err as Error).message}\n${USAGE}`);
  }
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new FileReadError(file, err);
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
