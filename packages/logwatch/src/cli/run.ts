import { readFileSync, watch } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { careMetricsHandler } from '@hartslag/metrics';
import { parseDuration } from '@hartslag/slo';
import { backfill } from '../backfill/backfill.js';
import type { Config } from '../config/Config.js';
import { readConfig } from '../config/readConfig.js';
import { CliUsageError, FileReadError, LogwatchError } from '../errors.js';
import { RemoteWriter } from '../push/RemoteWriter.js';
import { Logwatch } from '../run/Logwatch.js';
import { registerPushMetrics } from '../self/registerSelfMetrics.js';
import { checkLines } from './check.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `usage:
  hartslag-logwatch check <config.yaml> <sample.log>
      validate the config; print how each sample line parses and which series it would touch
  hartslag-logwatch backfill <config.yaml> -o <out.om> [--step 5m] [--heartbeat 5m]
      read the sources' files (.gz too) with the lines' own times; write OpenMetrics for
      promtool tsdb create-blocks-from openmetrics <out.om> <data dir>; a series gets a point
      (on a step) when it changed, a heartbeat after its last point, and at the last step
  hartslag-logwatch run <config.yaml>
      tail the sources, record every line once (checkpointed), serve /metrics on config's listen,
      push by Prometheus remote-write when the config has push;
      the config is re-read when it changes (a bad one is refused and the old one keeps running)`;

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new FileReadError(file, err);
  }
}

export function loadConfig(file: string): Config {
  return readConfig(readText(file), file);
}

/** Runs `check`; returns the exit code (0 every line parses, 1 some do not or the config is bad, 2 usage). */
export function runCheck(argv: string[], io: Io): number {
  try {
    const [configFile, sample, ...extra] = argv;
    if (configFile === undefined || sample === undefined || extra.length > 0) {
      throw new CliUsageError(`check takes a config and a sample file\n${USAGE}`);
    }
    const config = loadConfig(configFile);
    const { text, failed } = checkLines(config, readText(sample));
    io.out(text);
    return failed > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof LogwatchError) {
      io.err(`${err.message}\n`);
      return err instanceof CliUsageError || err instanceof FileReadError ? 2 : 1;
    }
    throw err;
  }
}

export interface Running {
  logwatch: Logwatch;
  /** Present when the config has `push`. */
  writer: RemoteWriter | undefined;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Starts `run`: the loop, the /metrics server and the config watcher. */
export async function startRun(configFile: string, io: Io): Promise<Running> {
  const config = loadConfig(configFile);
  const logwatch = new Logwatch(config, { onWarning: (m) => io.err(`${m}\n`) });
  const handler = careMetricsHandler(logwatch.metrics);
  const server = createServer((req, res) => {
    if (req.url === '/metrics') handler(req, res);
    else res.writeHead(404).end('see /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, resolve);
  });
  const addr = server.address();
  const url = typeof addr === 'object' && addr !== null ? `http://${config.listen.host}:${addr.port}` : '';
  io.err(`hartslag-logwatch: serving ${url}/metrics\n`);
  let writer: RemoteWriter | undefined;
  if (config.push !== undefined) {
    writer = new RemoteWriter(logwatch.registry, config.push, {
      dir: config.checkpoint.dir,
      checkpoint: () => logwatch.checkpointNow(),
      onWarning: (m) => io.err(`${m}\n`),
    });
    registerPushMetrics(logwatch.registry, writer.stats);
    writer.start();
    io.err(`hartslag-logwatch: pushing to ${config.push.url} every ${config.push.intervalSeconds}s\n`);
  }
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    let behind = false;
    try {
      behind = logwatch.tick();
    } catch (err) {
      io.err(`${err instanceof Error ? err.message : String(err)}\n`);
    }
    // Behind on a file: the next poll right after the scrapes and pushes waiting on the event loop.
    timer = setTimeout(loop, behind ? 0 : config.pollSeconds * 1000);
  };
  loop();
  let watcher: ReturnType<typeof watch> | undefined;
  try {
    watcher = watch(configFile, () => {
      try {
        logwatch.reload(loadConfig(configFile));
        io.err(`hartslag-logwatch: reloaded ${configFile}\n`);
      } catch (err) {
        io.err(`hartslag-logwatch: keeping the running config; ${(err as Error).message}\n`);
      }
    });
  } catch {
    // Not watchable (some network file systems): reloads need a restart.
  }
  return {
    logwatch,
    writer,
    server,
    url,
    async stop() {
      clearTimeout(timer);
      watcher?.close();
      logwatch.close();
      await writer?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseCli(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      output: { type: 'string', short: 'o' },
      step: { type: 'string' },
      heartbeat: { type: 'string' },
    },
  });
}

/** The CLI; resolves to the exit code for commands that end (check, errors). */
export async function run(argv: string[], io: Io): Promise<number | undefined> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  try {
    if (command === 'check') return runCheck(rest, io);
    if (command === 'backfill') {
      if (rest.length !== 1 || values.output === undefined)
        throw new CliUsageError(`backfill takes a config and -o <out.om>\n${USAGE}`);
      const stepSeconds = parseDuration(values.step ?? '5m');
      if (stepSeconds === undefined || stepSeconds <= 0)
        throw new CliUsageError(`--step must be a duration such as 5m\n${USAGE}`);
      const heartbeatSeconds = parseDuration(values.heartbeat ?? '5m');
      if (heartbeatSeconds === undefined || heartbeatSeconds <= 0)
        throw new CliUsageError(`--heartbeat must be a duration such as 5m\n${USAGE}`);
      const r = await backfill(loadConfig(rest[0]!), { stepSeconds, heartbeatSeconds, out: values.output });
      io.out(
        `${r.recorded} of ${r.lines} lines recorded (${r.rejected} rejected); ${r.samples} points (of ${r.steps} steps × series)` +
          `${r.from === undefined ? '' : ` from ${new Date(r.from).toISOString()} to ${new Date(r.to!).toISOString()}`} in ${values.output}\n`,
      );
      return 0;
    }
    if (command === 'run') {
      if (rest.length !== 1) throw new CliUsageError(`run takes one config file\n${USAGE}`);
      const running = await startRun(rest[0]!, io);
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return undefined;
    }
    throw new CliUsageError(`unknown command "${command ?? ''}"\n${USAGE}`);
  } catch (err) {
    if (err instanceof LogwatchError) {
      io.err(`${err.message}\n`);
      return err instanceof CliUsageError || err instanceof FileReadError ? 2 : 1;
    }
    throw err;
  }
}
