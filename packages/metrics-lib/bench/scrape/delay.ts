import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ClientReport, DelayReport } from './protocol.js';

export type Library = 'ours' | 'prom-client';

export interface Round {
  library: Library;
  /** The service's event-loop delay with nobody scraping it: what the machine itself costs. */
  idle: DelayReport;
  delay: DelayReport;
  client: ClientReport;
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
 * One round: a fresh service process for `library`, left idle for `idleMs`, then scraped back to
 * back for `ms` by a client process; the service reports its event-loop delay and GC over exactly
 * each of those times.
 */
export async function round(library: Library, ms: number, idleMs: number): Promise<Round> {
  const service = child('./service.ts', [library]);
  try {
    const { port } = await message<{ port: number }>(service);
    const client = child('./client.ts', [`http://127.0.0.1:${port}/metrics`, String(ms)]);
    await message<{ warm: true }>(client);
    service.send({ cmd: 'start' });
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    service.send({ cmd: 'stop' });
    const idle = await message<DelayReport>(service);
    service.send({ cmd: 'start' });
    client.send({ cmd: 'go' });
    const clientReport = await message<ClientReport>(client);
    service.send({ cmd: 'stop' });
    const delay = await message<DelayReport>(service);
    service.send({ cmd: 'exit' });
    return { library, idle, delay, client: clientReport };
  } finally {
    if (service.exitCode === null) service.kill();
  }
}
