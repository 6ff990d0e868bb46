import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, startPlatform, tempDir, until } from './helpers.js';

const fixture = fileURLToPath(new URL('./fixtures/acknowledgeUntilKilled.ts', import.meta.url));
const selfKilling = fileURLToPath(new URL('./fixtures/killAtAcknowledgement.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

/** Runs the fixture until it printed `count` acknowledgements, kills it with SIGKILL, returns them. */
async function acknowledgeThenKill(dataDir: string, count: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acked: string[] = [];
  let partial = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      // A line cut by the kill is not an acknowledgement the client saw whole.
      partial = lines.pop()!;
      for (const l of lines) if (l.startsWith('ack ')) acked.push(l.slice(4));
      if (acked.length >= count) resolve();
    });
    child.on('exit', () => reject(new Error(`the fixture exited early:\n${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return acked;
}

describe('kill -9', () => {
  it('loses no acknowledged message, and the restarted platform delivers each exactly once', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const acked = await acknowledgeThenKill(dataDir, 400);
    expect(new Set(acked).size).toBe(acked.length);

    const platform = await startPlatform({ dataDir, workers: 4 });
    try {
      expect(acked.filter((id) => platform.queue.statusOf(id) === 'unknown')).toEqual([]);
      await until('the backlog to drain', () => (platform.queue.stats().backlog === 0 ? true : undefined));
      const stats = platform.queue.stats();
      expect(stats.duplicates).toBe(0);
      expect(stats.delivered).toBe(stats.accepted);
      expect(stats.accepted).toBeGreaterThanOrEqual(acked.length);
      expect(acked.every((id) => platform.queue.statusOf(id) === 'delivered')).toBe(true);
    } finally {
      await platform.close();
    }
  });

  it('keeps every message whose enqueue had resolved when the process died', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const r = spawnSync(process.execPath, ['--import', 'tsx', selfKilling, dataDir], { encoding: 'utf8' });
    expect(r.signal, r.stderr).toBe('SIGKILL');
    const acked = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('ack '))
      .map((l) => l.slice(4));
    expect(acked).toHaveLength(300);

    const platform = await startPlatform({ dataDir });
    try {
      expect(acked.filter((id) => platform.queue.statusOf(id) === 'unknown')).toEqual([]);
      await until('the backlog to drain', () => (platform.queue.stats().backlog === 0 ? true : undefined));
      expect(platform.queue.stats()).toMatchObject({ duplicates: 0, backlog: 0 });
    } finally {
      await platform.close();
    }
  });
});
