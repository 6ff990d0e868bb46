import { HELP, parseDemoArgs, USAGE } from './config/args.js';
import { type DemoIo, runDemo } from './Demo.js';
import { isUsageError } from './errors.js';

/**
 * The command: parses flags, runs the demo until Ctrl-C, SIGTERM or --duration, and returns the
 * exit code: 0 after a clean stop or --help, 2 for a bad flag or a busy port, 1 otherwise.
 */
export async function main(argv: readonly string[], io: Omit<DemoIo, 'stopRequested'>): Promise<number> {
  let options: ReturnType<typeof parseDemoArgs>;
  try {
    options = parseDemoArgs(argv);
  } catch (err) {
    const e = err as Error & { code?: string };
    io.stderr.write(`${e.code ?? 'error'}: ${e.message}\n`);
    return 2;
  }
  if (options === HELP) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let signals = 0;
  let resolveStop: (signal: string) => void = () => undefined;
  const stopRequested = new Promise<string>((resolve) => {
    resolveStop = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      io.stdout.write(`\n${signal}: stopping (again to force)…\n`);
      resolveStop(signal);
    } else {
      io.stderr.write(`${signal} again: exiting without cleaning up\n`);
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await runDemo(options, { ...io, stopRequested });
    return 0;
  } catch (err) {
    const e = err as Error & { code?: string };
    io.stderr.write(`${e.code ? `${e.code}: ` : ''}${e.message}\n`);
    if (!e.code?.startsWith('HARTSLAG_ERR_') && e.stack) io.stderr.write(`${e.stack}\n`);
    return isUsageError(err) ? 2 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
