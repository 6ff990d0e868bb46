import { run } from './run.js';

// `hartslag-slo generate …` (this package's bin) and `hartslag slo generate …` (@hartslag/cli's,
// which owns the `hartslag` name) take the same arguments.
const argv = process.argv.slice(2);
process.exitCode = await run(argv[0] === 'slo' ? argv : ['slo', ...argv], {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
