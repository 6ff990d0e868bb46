/**
 * The one-command demo: `pnpm demo` at the repository root, or
 * `node --import tsx demo/bin/demo.ts [flags]` (`--help` lists them).
 */
import { main } from '../src/index.js';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
// Standard input may still hold the event loop open; everything else is closed by now.
process.stdout.write('', () => process.exit(code));
