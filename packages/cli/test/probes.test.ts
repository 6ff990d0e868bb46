import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hartslag } from './support.js';

const BIN = fileURLToPath(new URL('../bin/hartslag.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hartslag-probes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hartslag probes', { timeout: 180_000 }, () => {
  it('run: serves the probe calls on /metrics as counted by the target, and exits 0 on SIGTERM', async () => {
    let received = 0;
    const target = createServer((_req, res) => {
      received++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const { port } = target.address() as { port: number };
    const config = join(dir, 'probes.yaml');
    writeFileSync(
      config,
      `apiVersion: hartslag.probes/v1\nservice: probes\nprobes:\n  - name: ehealth\n    interval: 1s\n    timeout: 500ms\n    http: { url: "http://127.0.0.1:${port}/" }\n`,
    );
    const child = spawn(process.execPath, [BIN, 'probes', 'run', '--config', config, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      let url: string | undefined;
      for (let i = 0; i < 600 && url === undefined; i++) {
        url = /serving (http:\/\/\S+)\/metrics/.exec(err)?.[1];
        if (url === undefined) await new Promise((r) => setTimeout(r, 100));
      }
      expect(err).toMatch(/^hartslag probes: 1 probe of probes; serving/);
      // A run is recorded after its answer: read the target's count, then the metrics, until both
      // show the same finished runs (at least 2).
      let served = -1;
      let want = -2;
      for (let i = 0; i < 300 && !(served === want && want >= 2); i++) {
        await new Promise((r) => setTimeout(r, 100));
        want = received;
        const text = await (await fetch(`${url}/metrics`)).text();
        served = Number(/operation="probe:ehealth",outcome="success",code="200"\} (\d+)/.exec(text)?.[1] ?? 0);
        if (received !== want) served = -1;
      }
      expect(served).toBe(want);
      expect(want).toBeGreaterThanOrEqual(2);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(err).toContain('hartslag probes: SIGTERM, stopping');
    } finally {
      child.kill('SIGKILL');
      await new Promise<void>((resolve) => target.close(() => resolve()));
    }
  });

  it('run without --config: HARTSLAG_ERR_PROBES_USAGE with the usage as hartslag names it, exit 2', async () => {
    const r = await hartslag(['probes', 'run']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'HARTSLAG_ERR_PROBES_USAGE: hartslag probes: run needs --config <probes.yaml>\nusage:\n' +
        '  hartslag probes run --config <probes.yaml> [--port 9464] [--host 127.0.0.1]\n' +
        "      run the config's probes on their schedules; serve their calls as Prometheus text on\n" +
        "      /metrics and the runner's health on /healthz; SIGTERM or SIGINT stops it (exit 0).\n" +
        '      Exit 1: the config is invalid or unreadable, or the port cannot be served; exit 2: usage\n',
    );
  });

  it('run with a config that does not exist: HARTSLAG_ERR_PROBES_FILE, exit 1', async () => {
    const r = await hartslag(['probes', 'run', '--config', join(dir, 'nope.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `HARTSLAG_ERR_PROBES_FILE: cannot read the probes config ${join(dir, 'nope.yaml')}: no such file\n`,
    );
  });

  it('is in the usage of hartslag', async () => {
    const r = await hartslag(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  hartslag probes run --config <probes.yaml> [--port 9464] [--host 127.0.0.1]\n');
  });
});
