import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@hartslag/testkit';
import { describe, expect, it } from 'vitest';
import { DemoProcess, portFree } from './support/DemoProcess.js';

describe('the demo command', () => {
  it('prints its flags for --help and exits 0', async () => {
    const demo = new DemoProcess(['--help']);
    expect(await demo.exited).toBe(0);
    expect(demo.stdout).toContain('usage: pnpm demo');
    for (const flag of ['--duration', '--no-incident', '--incident-after', '--status-port', '--preview-port']) {
      expect(demo.stdout).toContain(flag);
    }
  });

  it('names a busy port and the flag to change it, exits 2 and leaves nothing running', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const busy = (holder.address() as { port: number }).port;
    const platformPort = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hartslag-demo-'));
    try {
      const demo = new DemoProcess([
        '--platform-port',
        String(platformPort),
        '--status-port',
        String(busy),
        '--prometheus-port',
        '0',
        '--preview-port',
        '0',
        '--data-dir',
        dataDir,
      ]);
      expect(await demo.exited).toBe(2);
      expect(demo.stderr).toContain('HARTSLAG_ERR_DEMO_PORT_BUSY');
      expect(demo.stderr).toContain(`port ${busy} is busy`);
      expect(demo.stderr).toContain('--status-port');
      expect(await portFree(platformPort)).toBe(true);
    } finally {
      holder.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad flag with exit code 2 and the usage', async () => {
    const demo = new DemoProcess(['--day-seconds', 'ten']);
    expect(await demo.exited).toBe(2);
    expect(demo.stderr).toContain('HARTSLAG_ERR_DEMO_USAGE');
    expect(demo.stderr).toContain('--day-seconds must be from 60 to 86400, got "ten"');
  });
});
