import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { alertmanagerConfig, DEFAULT_RECEIVERS, renderAlertmanagerConfig } from '../alertmanager/generate.js';
import { readReceivers } from '../alertmanager/readReceivers.js';
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
      to stdout without -o; --check fails when the file at -o differs from what would be written
  hartslag slo alertmanager <slos.yaml> [-o alertmanager.yaml] [--check]
                            [--page-receiver name] [--ticket-receiver name] [--receivers receivers.yaml]
      write Alertmanager configuration for those rules: one page notification group per SLO that
      escalates, tickets inhibited while and after it pages; receivers hartslag-page and
      hartslag-ticket (without integrations) unless named, and defined by --receivers`;

const COMMANDS = ['validate', 'generate', 'alertmanager'];
const RECEIVER_OPTIONS = ['page-receiver', 'ticket-receiver', 'receivers'] as const;

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
  if (area !== 'slo' || command === undefined || !COMMANDS.includes(command)) {
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
  const receiverFlags = RECEIVER_OPTIONS.filter((o) => values[o] !== undefined);
  if (command !== 'alertmanager' && receiverFlags.length > 0) {
    throw new CliUsageError(`--${receiverFlags[0]} goes with hartslag slo alertmanager\n${USAGE}`);
  }
  for (const o of ['page-receiver', 'ticket-receiver'] as const) {
    if (values[o] === '') throw new CliUsageError(`--${o} needs a receiver name\n${USAGE}`);
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
  let text: string;
  let rerun = `hartslag slo ${command} ${file} -o ${values.output}`;
  if (command === 'alertmanager') {
    const flags = receiverFlags.flatMap((o) => [`--${o}`, values[o]!]);
    rerun += flags.map((f) => ` ${f}`).join('');
    const pageReceiver = values['page-receiver'] ?? DEFAULT_RECEIVERS.page;
    const ticketReceiver = values['ticket-receiver'] ?? DEFAULT_RECEIVERS.ticket;
    const receivers =
      values.receivers === undefined
        ? undefined
        : readReceivers(
            read(values.receivers),
            values.receivers,
            [pageReceiver, ticketReceiver],
            DEFAULT_RECEIVERS.silent,
          );
    const config = alertmanagerConfig(spec, { pageReceiver, ticketReceiver, ...(receivers ? { receivers } : {}) });
    // The header names the command with file names only: the output does not change with the directory it ran in.
    const headerFlags = receiverFlags.flatMap((o) => [`--${o}`, o === 'receivers' ? basename(values[o]!) : values[o]!]);
    text = renderAlertmanagerConfig(config, ['hartslag slo alertmanager', basename(file), ...headerFlags].join(' '));
  } else {
    text = renderRules(generateRules(spec), basename(file));
  }
  if (values.check && values.output !== undefined) {
    if (readOrEmpty(values.output) !== text) {
      io.err(`${values.output} is not what ${file} generates; run: ${rerun}\n`);
      return 1;
    }
    io.out(`${values.output} is up to date\n`);
    return 0;
  }
  if (values.output === undefined) {
    io.out(text);
    return 0;
  }
  // Write beside, then rename: a failed write never leaves half a file for Prometheus or Alertmanager to load.
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
        'page-receiver': { type: 'string' },
        'ticket-receiver': { type: 'string' },
        receivers: { type: 'string' },
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
