import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LoadtestDriverError } from './errors.js';
import { REFERENCE_PLATFORM_BIN, REPO_ROOT } from './paths.js';

export interface ReferencePlatformOptions {
  /** SQLite queue directory; restart on the same one to find the acknowledged messages again. */
  dataDir: string;
  workers?: number;
  /** Milliseconds the simulated downstream takes per message (the service's default when unset). */
  deliveryMs?: number;
  /** Multiplies the simulated latency of every operation (the service's default, 1, when unset). */
  latencyScale?: number;
  /** 0 (default) picks a free port; pass the previous port on restart so Prometheus keeps scraping it. */
  port?: number;
  /** How long to wait for `listening http://…` on stdout. */
  startTimeoutMs?: number;
}

export interface ProcessMemory {
  rssBytes: number;
  /** The high-water mark of the resident set since the process started. */
  peakRssBytes: number;
}

export interface RunningReferencePlatform {
  url: string;
  port: number;
  pid: number;
  /** The last lines the service printed, for error messages. */
  readonly output: string;
  /** Resident memory from /proc (Linux); undefined elsewhere or once the process is gone. */
  memory(): ProcessMemory | undefined;
  /** SIGKILL: no shutdown hook runs, whatever was not committed is lost — the claim under test. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for a clean exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/**
 * Starts `examples/reference-platform/bin/reference-platform.ts` as a child process (so it can be
 * killed for real) and resolves once it prints the address it listens on.
 */
export async function startReferencePlatform(options: ReferencePlatformOptions): Promise<RunningReferencePlatform> {
  const args = ['--import', 'tsx', REFERENCE_PLATFORM_BIN, '--port', String(options.port ?? 0)];
  args.push('--data-dir', options.dataDir);
  if (options.workers !== undefined) args.push('--workers', String(options.workers));
  if (options.latencyScale !== undefined) args.push('--latency-scale', String(options.latencyScale));
  if (options.deliveryMs !== undefined) args.push('--delivery-ms', String(options.deliveryMs));
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await listeningUrl(child, () => output, options.startTimeoutMs ?? 30_000).catch(async (err) => {
    child.kill('SIGKILL');
    await exited;
    throw err;
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const pid = child.pid as number;
  return {
    url,
    port: Number(new URL(url).port),
    pid,
    get output() {
      return output;
    },
    memory: () => (running() ? readMemory(pid) : undefined),
    kill9: async () => {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!running()) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function listeningUrl(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) =>
      reject(
        new LoadtestDriverError(
          'HARTSLAG_ERR_LOADTEST_PLATFORM_START',
          `The reference platform did not start (${why}). Run \`node --import tsx ${REFERENCE_PLATFORM_BIN} --port 0 --data-dir .hartslag/reference\` from the repository root to see why; its output was:\n${output()}`,
        ),
      );
    const timer = setTimeout(() => fail(`no "listening http://…" line within ${timeoutMs} ms`), timeoutMs);
    let seen = '';
    child.stdout?.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /listening (http:\/\/\S+)/.exec(seen);
      if (m !== null) {
        clearTimeout(timer);
        resolve((m[1] as string).replace(/\/$/, ''));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(`it exited with ${signal ?? `code ${code}`}`);
    });
  });
}

function readMemory(pid: number): ProcessMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssBytes: kb('VmRSS') * 1024, peakRssBytes: kb('VmHWM') * 1024 };
  } catch {
    return undefined;
  }
}
