import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/hartslag-probes.mjs', import.meta.url));

/** A running CLI process: its output so far, and how it ended. */
export interface CliProcess {
  child: ChildProcess;
  stderr(): string;
  stdout(): string;
  exited: Promise<number | null>;
  /** Resolves with the URL the CLI says it serves, or rejects with its output if it exits first. */
  serving(ms?: number): Promise<string>;
}

/** Starts `node <bin> …args` as a user would (the bin shim, a real process and signals). */
export function spawnCli(args: string[], bin = BIN): CliProcess {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => err,
    stdout: () => out,
    exited,
    serving: (ms = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not serving after ${ms} ms:\n${err}`)), ms);
        const check = () => {
          const url = /serving (http:\/\/[^\s]+)\/metrics/.exec(err)?.[1];
          if (url !== undefined) {
            clearTimeout(timer);
            resolve(url);
          }
        };
        child.stderr?.on('data', check);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${code} before serving:\n${err}`));
        });
        check();
      }),
  };
}

/** Runs the CLI to its end: exit code and output. */
export async function runCli(
  args: string[],
  bin = BIN,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = spawnCli(args, bin);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}
