import { run } from '../run.js';

process.exitCode = await run(
  process.argv.slice(2),
  { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
  { input: process.stdin, output: process.stdout, isTTY: process.stdin.isTTY === true },
);
