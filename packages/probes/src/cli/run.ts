import { ProbeError, ProbeUsageError } from '../errors.js';
import { parseProbesArgs, probesUsage } from './args.js';
import { loadProbeConfigFile } from './loadProbeConfigFile.js';
import { serveProbes } from './serveProbes.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/**
 * The `hartslag-probes` command (and `hartslag probes`). Resolves to the exit code: 0 after
 * SIGTERM or SIGINT stopped a run cleanly (or for --help), 1 a bad config, an unreadable file or a
 * port that cannot be served, 2 a usage error. `name` is how the usage text names the command.
 */
export async function runProbesCli(argv: readonly string[], io: Io, name = 'hartslag-probes'): Promise<number> {
  try {
    const cmd = parseProbesArgs(argv, name);
    if (cmd.command === 'help') {
      io.out(`${probesUsage(name)}\n`);
      return 0;
    }
    const config = loadProbeConfigFile(cmd.config);
    const running = await serveProbes(config, { host: cmd.host, port: cmd.port });
    io.err(
      `${name}: ${config.probes.length} probe${config.probes.length === 1 ? '' : 's'} of ${config.service}; serving ${running.url}/metrics\n`,
    );
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      const on = (s: NodeJS.Signals) => {
        process.off('SIGTERM', on).off('SIGINT', on);
        resolve(s);
      };
      process.on('SIGTERM', on).on('SIGINT', on);
    });
    io.err(`${name}: ${signal}, stopping\n`);
    await running.stop();
    const { runs, skipped } = running.runner.stats();
    io.err(`${name}: stopped after ${runs} runs (${skipped} skipped)\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ProbeError)) throw err;
    io.err(`${err.code}: ${err.message}\n`);
    return err instanceof ProbeUsageError ? 2 : 1;
  }
}
