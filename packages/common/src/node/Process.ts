import { type ChildProcess, spawn } from 'node:child_process';

/** A child process whose output is kept for error messages, stopped with SIGTERM then SIGKILL. */
export class Process {
  private readonly child: ChildProcess;
  private log = '';
  readonly exited: Promise<number | null>;

  constructor(command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv) {
    this.child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-8_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get output(): string {
    return this.log;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(killer);
  }
}

/** Polls `fn` until it returns a value, or fails after `ms` with `what` and the process log. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  ms: number,
  proc?: Process,
): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (proc && !proc.running) throw new Error(`${what}: the process exited:\n${proc.output}`);
    if (Date.now() > until) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (${last})` : ''}\n${proc?.output ?? ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
