import { type ParseArgsConfig, parseArgs } from 'node:util';
import { probesUsage, runProbesCli } from '@hartslag/probes';
import { type Io, run as runSlo, USAGE as SLO_USAGE } from '@hartslag/slo';
import { checkContract } from './contract/checkContract.js';
import { parseExposition } from './contract/exposition.js';
import { formatReport } from './contract/report.js';
import { scrape } from './contract/scrape.js';
import { CliError } from './errors.js';
import { ask, type RawAnswers } from './init/answers.js';
import { formatInit, runInit } from './init/init.js';

export type { Io };

export const USAGE = `usage: hartslag <command>

${SLO_USAGE.replace(/^usage:\n/, '')}
  hartslag init [--service name] [--operations a,b] [--tenant-label header] [--vendor-label header]
                [--objective 0.999] [--max-outage 10m] [--framework fastify|http|grpc]
                [--dir .] [--dry-run] [--yes]
      write the SLO spec, an instrumentation snippet, Prometheus rules, Grafana dashboards with
      provisioning, a status page configuration and a k6 script into hartslag/ of your repo;
      asks for what the flags leave out (--yes: ask nothing, use the defaults); a second run
      changes nothing, an edited hartslag/slos.yaml regenerates the rest
  hartslag contract check <url>
      scrape a /metrics endpoint and say which series and labels follow the metric contract,
      and how to fix the others
${probesUsage('hartslag probes').replace(/^usage:\n/, '')}`;

/** The interactive side of init: a terminal to ask on, or none. */
export interface Terminal {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  isTTY: boolean;
}

/**
 * Runs the command; resolves to the exit code: 0 ok, 1 a check failed or input was refused, 2 a
 * usage error (as `hartslag slo`).
 */
export async function run(argv: readonly string[], io: Io, terminal?: Terminal): Promise<number> {
  try {
    return await dispatch([...argv], io, terminal);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`${err.code}: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

async function dispatch(argv: string[], io: Io, terminal: Terminal | undefined): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === 'slo') return runSlo(argv, io);
  if (command === 'init') return init(argv.slice(1), io, terminal);
  if (command === 'contract') return contract(argv.slice(1), io);
  // Runs until SIGTERM/SIGINT; its errors keep @hartslag/probes' codes (its docs/errors.md).
  if (command === 'probes') return runProbesCli(argv.slice(1), io, 'hartslag probes');
  throw new CliError('HARTSLAG_ERR_CLI_USAGE', `unknown command "${command}"\n${USAGE}`);
}

const INIT_OPTIONS = {
  service: { type: 'string' },
  operations: { type: 'string' },
  'tenant-label': { type: 'string' },
  'vendor-label': { type: 'string' },
  objective: { type: 'string' },
  'max-outage': { type: 'string' },
  framework: { type: 'string' },
  dir: { type: 'string' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
} as const;

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError('HARTSLAG_ERR_CLI_USAGE', `hartslag ${command}: ${(e as Error).message}\n${USAGE}`);
  }
}

async function init(args: string[], io: Io, terminal: Terminal | undefined): Promise<number> {
  const { values, positionals } = parse(args, INIT_OPTIONS, 'init');
  if (positionals.length > 0)
    throw new CliError(
      'HARTSLAG_ERR_CLI_USAGE',
      `hartslag init takes no argument "${positionals[0]}"; the target directory is --dir\n${USAGE}`,
    );
  let raw: RawAnswers = {};
  for (const key of [
    'service',
    'operations',
    'tenant-label',
    'vendor-label',
    'objective',
    'max-outage',
    'framework',
  ] as const) {
    const v = values[key];
    if (typeof v === 'string') raw[key] = v;
  }
  // Ask only a person at a terminal; a script (or --yes) gets the defaults and an error for what is missing.
  if (!values.yes && terminal?.isTTY && (raw.service === undefined || raw.operations === undefined)) {
    raw = await ask(raw, terminal.input, terminal.output);
  }
  const result = runInit(raw, {
    dir: typeof values.dir === 'string' ? values.dir : '.',
    dryRun: values['dry-run'] === true,
  });
  io.out(formatInit(result));
  return 0;
}

async function contract(args: string[], io: Io): Promise<number> {
  const { positionals } = parse(args, {}, 'contract');
  const [sub, url, ...extra] = positionals;
  if (sub !== 'check' || url === undefined || extra.length > 0) {
    throw new CliError(
      'HARTSLAG_ERR_CLI_USAGE',
      `usage: hartslag contract check <url>, e.g. hartslag contract check http://127.0.0.1:3000/metrics\n${USAGE}`,
    );
  }
  const report = checkContract(parseExposition(await scrape(url)));
  io.out(formatReport(report, url));
  return report.ok ? 0 : 1;
}
