import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = path.join('demo', 'bin', 'demo.ts');

/** The demo as a user runs it: a child process from the repository root, its output kept. */
export class DemoProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { cwd: REPO_ROOT, stdio: 'pipe' });
    this.child.stdout.on('data', (d: Buffer) => {
      this.stdout += d.toString();
    });
    this.child.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until stdout matches, returning the match; fails with the output when it does not in time. */
  async waitFor(pattern: RegExp, ms: number): Promise<RegExpExecArray> {
    const until = Date.now() + ms;
    for (;;) {
      const m = pattern.exec(this.stdout);
      if (m) return m;
      if (!this.running || Date.now() > until) {
        throw new Error(
          `no ${pattern} in the demo's output after ${ms} ms${this.running ? '' : ' (it exited)'}:\n${this.stdout}\n${this.stderr}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The URL printed on the line labelled `label`. */
  url(label: string): string | undefined {
    return new RegExp(`^ {2}${label} +(http\\S+)`, 'm').exec(this.stdout)?.[1];
  }

  /** Process ids of the children the demo started (Prometheus, the panel harness). */
  children(): number[] {
    const r = spawnSync('ps', ['-o', 'pid=', '--ppid', String(this.child.pid)], { encoding: 'utf8' });
    return r.stdout
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  }

  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/**
 * Whether a process still runs. A zombie (exited, not yet reaped) counts as gone: once its parent
 * exits, a container's PID 1 may never reap it.
 */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The command line of a process, for messages. */
export function commandOf(pid: number): string {
  try {
    return `${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()}`;
  } catch {
    return `${pid}: (gone)`;
  }
}

/** Whether 127.0.0.1:port can be bound right now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
