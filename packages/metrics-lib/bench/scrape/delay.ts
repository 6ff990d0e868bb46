import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ClientReport, DelayReport, Go } from './protocol.js';

export type Library = 'ours' | 'prom-client';

/** How the client scrapes in a phase. */
export interface Pace {
  name: string;
  /** Milliseconds between the starts of two scrapes; 0: back to back. */
  intervalMs: number;
}

export interface Phase {
  pace: Pace;
  delay: DelayReport;
  client: ClientReport;
}

export interface Round {
  library: Library;
  /** The service's event-loop delay with nobody scraping it: what the machine itself costs. */
  idle: DelayReport;
  phases: Phase[];
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const child = (file: string, args: string[]) =>
  fork(here(file), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

async function message<T>(proc: ChildProcess): Promise<T> {
  const [msg] = (await Promise.race([once(proc, 'message'), once(proc, 'exit').then(() => [undefined])])) as [T];
  if (msg === undefined) throw new Error(`${proc.spawnargs.join(' ')} exited without reporting`);
  return msg;
}

/**
 * One round: a fresh service process for `library` and a client process; the service is left idle
 * for `idleMs`, then scraped for `ms` at each pace. The service reports its event-loop delay and GC
 * over exactly each of those times.
 */
export async function round(library: Library, paces: readonly Pace[], ms: number, idleMs: number): Promise<Round> {
  const service = child('./service.ts', [library]);
  let client: ChildProcess | undefined;
  try {
    const { port } = await message<{ port: number }>(service);
    client = child('./client.ts', [`http://127.0.0.1:${port}/metrics`]);
    await message<{ warm: true }>(client);
    const measure = async <T>(during: () => Promise<T>): Promise<[DelayReport, T]> => {
      service.send({ cmd: 'start' });
      const result = await during();
      service.send({ cmd: 'stop' });
      return [await message<DelayReport>(service), result];
    };
    const [idle] = await measure(() => new Promise((resolve) => setTimeout(resolve, idleMs)));
    const phases: Phase[] = [];
    for (const pace of paces) {
      const [delay, report] = await measure(() => {
        client!.send({ cmd: 'go', ms, intervalMs: pace.intervalMs } satisfies Go);
        return message<ClientReport>(client!);
      });
      phases.push({ pace, delay, client: report });
    }
    client.send({ cmd: 'exit' });
    service.send({ cmd: 'exit' });
    return { library, idle, phases };
  } finally {
    if (client !== undefined && client.exitCode === null) client.kill();
    if (service.exitCode === null) service.kill();
  }
}
