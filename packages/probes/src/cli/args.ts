import { parseArgs } from 'node:util';
import { ProbeUsageError } from '../errors.js';

/** The port OpenTelemetry's Prometheus exporters use: scrape configs that know it need no change. */
export const DEFAULT_PORT = 9464;
export const DEFAULT_HOST = '127.0.0.1';

/** The usage text; `name` is how the command is called (`hartslag probes` through @hartslag/cli). */
export function probesUsage(name = 'hartslag-probes'): string {
  return `usage:
  ${name} run --config <probes.yaml> [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}]
      run the config's probes on their schedules; serve their calls as Prometheus text on
      /metrics and the runner's health on /healthz; SIGTERM or SIGINT stops it (exit 0).
      Exit 1: the config is invalid or unreadable, or the port cannot be served; exit 2: usage`;
}

export const PROBES_USAGE = probesUsage();

export type ProbesCommand = { command: 'help' } | { command: 'run'; config: string; host: string; port: number };

/** Reads the command line (without the program name); throws ProbeUsageError with the usage text. */
export function parseProbesArgs(argv: readonly string[], name = 'hartslag-probes'): ProbesCommand {
  const usage = (problem: string) => new ProbeUsageError(`${name}: ${problem}\n${probesUsage(name)}`);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { command: 'help' };
  const [command, ...extra] = positionals;
  if (command !== 'run') throw usage(command === undefined ? 'no command given' : `unknown command "${command}"`);
  if (extra.length > 0) throw usage(`run takes no argument "${extra[0]}"; the config is --config <file>`);
  if (values.config === undefined || values.config === '') throw usage('run needs --config <probes.yaml>');
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  // Port 0 lets the system choose (the chosen one is printed): tests and side-by-side runs.
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65_535) {
    throw usage(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  }
  const host = values.host ?? DEFAULT_HOST;
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) throw usage(`--host must be a host name or IP address, got "${host}"`);
  return { command: 'run', config: values.config, host, port };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
