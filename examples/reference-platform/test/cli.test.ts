import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Process, waitFor } from '@hartslag/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/reference-platform.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

describe('bin/reference-platform.ts', () => {
  it('prints where it listens, serves logins and metrics on a real socket, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const proc = new Process(process.execPath, [
      '--import',
      'tsx',
      bin,
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--workers',
      '2',
      '--latency-scale',
      '0',
    ]);
    try {
      const url = await waitFor(
        'the listening line',
        async () => /listening (http:\/\/127\.0\.0\.1:\d+)\n/.exec(proc.output)?.[1],
        15_000,
        proc,
      );
      const login = await fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'provider-0042', tenant: 'pharmacy-007' }),
      });
      expect(login.status).toBe(200);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('care_calls_total{service="reference-platform",operation="login",outcome="success"');
      expect(metrics).toContain('care_queue_backlog_messages{service="reference-platform"} 0');
    } finally {
      await proc.stop();
    }
    expect(await proc.exited).toBe(0);
  });

  it('exits with HARTSLAG_ERR_PLATFORM_CLI and the usage when --data-dir is missing', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', bin, '--port', '0'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('HARTSLAG_ERR_PLATFORM_CLI');
    expect(r.stderr).toContain('usage: reference-platform');
  });
});
