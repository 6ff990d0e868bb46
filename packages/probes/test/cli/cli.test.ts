import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrometheus } from '@hartslag/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { listen } from '../support/servers.js';
import { runCli, spawnCli } from './spawnProbes.js';

const dir = mkdtempSync(join(tmpdir(), 'probes-cli-'));
const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Real processes on a shared, loaded machine: a tsx start alone may take seconds.
describe('hartslag-probes run', { timeout: 180_000 }, () => {
  it('serves probe calls that a real Prometheus counts exactly as the targets counted them, and stops on SIGTERM with 0', async () => {
    // An HTTP target that answers every third request 503, and a TCP target; each counts what it got.
    const got = { 200: 0, 503: 0, tcp: 0 };
    const web = await listen(
      http.createServer((_req, res) => {
        const status = (got[200] + got[503] + 1) % 3 === 0 ? 503 : 200;
        got[status]++;
        res.writeHead(status).end('ok');
      }),
    );
    const db = await listen(
      net.createServer((s) => {
        got.tcp++;
        s.end();
      }),
    );
    closers.push(web.close, db.close);
    const config = file(
      'probes.yaml',
      `apiVersion: hartslag.probes/v1
service: night-probes
probes:
  - name: web
    interval: 2s
    timeout: 1s
    http: { url: "http://127.0.0.1:${web.port}/health" }
  - name: db
    interval: 2s
    timeout: 1s
    tcp: { host: 127.0.0.1, port: ${db.port} }
`,
    );
    const cli = spawnCli(['run', '--config', config, '--port', '0']);
    closers.push(async () => {
      cli.child.kill('SIGKILL');
    });
    const url = await cli.serving();
    const health = (await (await fetch(`${url}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', probes: 2 });

    const prom = await startPrometheus([{ job: 'probes', target: url.replace('http://', '') }], {
      scrapeInterval: '250ms',
    });
    closers.push(prom.stop);
    const count = async (promql: string) => (await prom.query(promql)).reduce((sum, s) => sum + s.value, 0);
    // Compare at a quiet moment (2 s between runs, a scrape every 250 ms): the targets' counts
    // read before and after the query agree, and at least 3 runs of each probe have happened.
    let seen = { ok: -1, failed: -1, tcp: -1 };
    let want = { ...got };
    for (let i = 0; i < 240; i++) {
      want = { ...got };
      seen = {
        ok: await count('care_calls_total{operation="probe:web",outcome="success",code="200"}'),
        failed: await count('care_calls_total{operation="probe:web",outcome="server_error",code="503"}'),
        tcp: await count('care_calls_total{operation="probe:db",outcome="success"}'),
      };
      const still = want[200] === got[200] && want[503] === got[503] && want.tcp === got.tcp;
      if (still && want[503] >= 1 && want.tcp >= 3 && seen.ok === want[200] && seen.failed === want[503]) {
        if (seen.tcp === want.tcp) break;
      }
      await sleep(250);
    }
    expect(want[503]).toBeGreaterThanOrEqual(1);
    expect(seen).toEqual({ ok: want[200], failed: want[503], tcp: want.tcp });
    // No other outcome was recorded for either probe.
    expect(await count('care_calls_total{operation=~"probe:.+"}')).toBe(want[200] + want[503] + want.tcp);
    expect(await count('care_calls_total{service!="night-probes"}')).toBe(0);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).toMatch(/SIGTERM, stopping\n.*stopped after \d+ runs \(0 skipped\)\n$/);
  });

  it('stops on SIGINT with 0', async () => {
    const config = file(
      'one.yaml',
      'apiVersion: hartslag.probes/v1\nservice: probes\nprobes:\n  - name: x\n    tcp: { host: 127.0.0.1, port: 9 }\n',
    );
    const cli = spawnCli(['run', '--config', config, '--port', '0']);
    const url = await cli.serving();
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).toContain('SIGINT, stopping');
  });
});

describe('hartslag-probes refuses', { timeout: 120_000 }, () => {
  it('a bad config with exit 1, naming file:line:col and the field of every problem', async () => {
    const bad = file(
      'bad.yaml',
      `apiVersion: hartslag.probes/v1
service: probes
probes:
  - name: web
    intervl: 30s
    http: { url: "http://127.0.0.1/" }
  - name: db
    timeout: 90s
    tcp: { host: 127.0.0.1, port: 70000 }
`,
    );
    const r = await runCli(['run', '--config', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `HARTSLAG_ERR_PROBES_CONFIG: ${bad}: 3 problems:\n` +
        `${bad}:5:5: probes[0].intervl is not a field here; did you mean "interval"? (known: name, interval, timeout, http, tcp, grpc)\n` +
        `${bad}:8:14: probes[1].timeout must be at most the interval (30000 ms)\n` +
        `${bad}:9:35: probes[1].tcp.port must be a whole number from 1 to 65535, got 70000\n`,
    );
  });

  it('a config file that does not exist with exit 1', async () => {
    const r = await runCli(['run', '--config', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `HARTSLAG_ERR_PROBES_FILE: cannot read the probes config ${join(dir, 'missing.yaml')}: no such file\n`,
    );
  });

  it.each([
    [[], 'no command given'],
    [['run'], 'run needs --config <probes.yaml>'],
    [['start', '--config', 'p.yaml'], 'unknown command "start"'],
    [['run', '--config', 'p.yaml', '--prot', '1'], "Unknown option '--prot'"],
    [['run', '--config', 'p.yaml', '--port', '99999'], '--port must be a whole number from 0 to 65535, got "99999"'],
    [['run', 'p.yaml'], 'run takes no argument "p.yaml"; the config is --config <file>'],
  ])('bad usage %j with exit 2 and the usage text', async (args, problem) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`HARTSLAG_ERR_PROBES_USAGE: hartslag-probes: ${problem}`);
    expect(r.stderr).toContain('usage:\n  hartslag-probes run --config <probes.yaml> [--port 9464] [--host 127.0.0.1]');
  });

  it('a port another process holds with exit 1 and says so, before probing anyone', async () => {
    let probed = 0;
    const target = await listen(
      http.createServer((_req, res) => {
        probed++;
        res.end();
      }),
    );
    const holder = await listen(net.createServer());
    closers.push(target.close, holder.close);
    const config = file(
      'taken.yaml',
      `apiVersion: hartslag.probes/v1\nservice: probes\nprobes:\n  - name: web\n    interval: 1s\n    http: { url: "http://127.0.0.1:${target.port}/" }\n`,
    );
    const r = await runCli(['run', '--config', config, '--port', String(holder.port)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `HARTSLAG_ERR_PROBES_LISTEN: cannot serve /metrics on 127.0.0.1:${holder.port}: ` +
        'the port is already in use by another process; choose another with --port\n',
    );
    expect(probed).toBe(0);
  });

  it('prints the usage with exit 0 for --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage:\n {2}hartslag-probes run --config/);
  });
});
