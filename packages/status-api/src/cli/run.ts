import { parseArgs } from 'node:util';
import { HartslagError } from '@hartslag/metrics/errors';
import { generateToken, hashToken } from '../auth/tokens.js';
import { loadConfig } from '../config/loadConfig.js';
import { buildFromConfig } from '../server/buildFromConfig.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the server should stop; default: SIGINT or SIGTERM. */
  stopSignal?: Promise<void>;
}

export const USAGE = `usage:
  hartslag-status serve --config <status.yaml>
      run the status service (badge, status JSON, page, incidents); Ctrl-C stops it cleanly.
      DATABASE_URL=postgres://… uses PostgreSQL instead of the SQLite file of storage.sqlite
  hartslag-status check-config <status.yaml>
      check a configuration; every problem is listed as file:line:column field: message
  hartslag-status new-token
      print a fresh random token and the sha256 digest to put under tokens: in the configuration
  hartslag-status hash-token <token>
      print the sha256 digest of an existing token`;

/** Runs the CLI; resolves to the exit code (0 ok, 1 invalid configuration or start failure, 2 usage). */
export async function run(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  try {
    switch (command) {
      case 'serve':
        if (values.config === undefined || rest.length > 0) return usage(io, 'serve needs --config <status.yaml>');
        return await serve(values.config, io);
      case 'check-config': {
        const file = rest[0] ?? values.config;
        if (file === undefined) return usage(io, 'check-config needs the configuration file');
        const config = loadConfig(file, io.env);
        io.out(
          `${file}: valid (${config.components.length} components, source ${config.source.kind}, ` +
            `storage ${config.storage.kind}, ${config.tokens.length} tokens)\n`,
        );
        return 0;
      }
      case 'new-token': {
        const token = generateToken();
        io.out(`token:  ${token}\nsha256: ${hashToken(token)}\n`);
        io.out('Give the token to its holder once; put only the sha256 digest in the configuration.\n');
        return 0;
      }
      case 'hash-token':
        if (rest.length !== 1) return usage(io, 'hash-token needs exactly one token');
        io.out(`${hashToken(rest[0]!)}\n`);
        return 0;
      default:
        return usage(io, command === undefined ? 'missing command' : `unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof HartslagError) {
      io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

async function serve(file: string, io: Io): Promise<number> {
  const config = loadConfig(file, io.env);
  const { app, store } = await buildFromConfig(config);
  const url = await app.listen({ host: config.server.host, port: config.server.port });
  io.out(`status page ${url}/  (source ${config.source.kind}, storage ${store.kind})\n`);
  await (io.stopSignal ?? untilSignal());
  io.out('stopping\n');
  await app.close();
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function usage(io: Io, problem: string): number {
  io.err(`${problem}\n${USAGE}\n`);
  return 2;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
  });
}
