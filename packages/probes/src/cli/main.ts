import { runProbesCli } from './run.js';

process.exitCode = await runProbesCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
