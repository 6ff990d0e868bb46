import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_NAMESPACE, metricNames, otelInstruments } from '@hartslag/metrics/contract';
import {
  freePort,
  Process,
  promtoolCheckMetrics,
  promtoolCheckRules,
  type RunningPostgres,
  type RunningPrometheus,
  type RunningVerdaccio,
  startPostgres,
  startPrometheus,
  startVerdaccio,
  waitFor,
} from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script shared with the packaging check, no declarations.
import { buildAll, PNPM, publicPackages } from '../../../scripts/packaging/packages.mjs';

/**
 * The adopter's path from the README ("add Hartslag to an existing service in five minutes"), run
 * on the published packages: everything public is built and published to a local Verdaccio, then
 * blank projects outside the workspace install them with npm and with pnpm and run the files in
 * ../adopter/ as they are. Runs on the Node that runs vitest (node-versions.mjs runs it on others).
 */
const ADOPTER = new URL('../adopter/', import.meta.url).pathname;
const NAMES = metricNames();
const OTEL = otelInstruments(DEFAULT_NAMESPACE, NAMES);
const execFileAsync = promisify(execFile);
const BSN = '111222333'; // passes the eleven test: a Dutch citizen service number, i.e. patient data
const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}` };
delete env.npm_config_registry;

let registry: RunningVerdaccio;
const cleanup: Array<() => unknown> = [];

beforeAll(async () => {
  registry = await startVerdaccio();
  cleanup.push(() => registry.stop());
  // Built already where the packaging check ran just before (the test command) or node-versions.mjs
  // built once for every Node it runs this on.
  if (process.env.HARTSLAG_PACKAGES_BUILT !== '1') buildAll({ stdio: ['ignore', 'ignore', 'inherit'] });
  const rc = mkdtempSync(join(tmpdir(), 'hartslag-publish-'));
  cleanup.push(() => rmSync(rc, { recursive: true, force: true }));
  writeFileSync(join(rc, '.npmrc'), registry.npmrc('@hartslag'));
  for (const p of publicPackages() as Array<{ dir: string }>) {
    execFileSync(PNPM[0], [...PNPM[1], 'publish', '--no-git-checks', '--registry', registry.url], {
      cwd: p.dir,
      env: { ...env, npm_config_userconfig: join(rc, '.npmrc') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }
}, 600_000);

afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

function blankProject(type: 'module' | 'commonjs'): string {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-adopter-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'adopter', private: true, type }, null, 2));
  writeFileSync(join(dir, '.npmrc'), registry.npmrc('@hartslag'));
  for (const f of ['server.mjs', 'server.cjs', 'otel.mjs', 'slos.yaml', 'status.yaml'])
    copyFileSync(join(ADOPTER, f), join(dir, f));
  return dir;
}

function run(dir: string, command: string, args: string[], extra: Record<string, string> = {}): string {
  return execFileSync(command, args, { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8', stdio: 'pipe' });
}

async function serviceOn(proc: Process): Promise<{ url: string; target: string }> {
  const url = await waitFor(
    'the service to listen',
    async () => /listening (\S+)/.exec(proc.output)?.[1],
    20_000,
    proc,
  );
  return { url, target: url.replace(/^http:\/\//, '') };
}

async function callWithPii(url: string): Promise<void> {
  const ok = await fetch(`${url}/patients/p-17/medication-history`, { headers: { 'x-pharmacy-id': 'apotheek-0042' } });
  expect(ok.status).toBe(200);
  const pii = await fetch(`${url}/patients/p-18/medication-history`, { headers: { 'x-pharmacy-id': BSN } });
  expect(pii.status).toBe(200);
}

describe(`the published packages on Node ${process.versions.node}`, () => {
  let prometheus: RunningPrometheus;

  it('install with npm into a blank project; an ESM and a CJS fastify service are scraped by Prometheus, PII redacted', async () => {
    const dir = blankProject('commonjs');
    run(dir, 'npm', [
      'install',
      '--no-audit',
      '--no-fund',
      '@hartslag/metrics',
      '@hartslag/cli',
      'fastify',
      'prom-client',
    ]);
    const installed = JSON.parse(readFileSync(join(dir, 'node_modules/@hartslag/metrics/package.json'), 'utf8'));
    expect(installed.version).toBe(
      JSON.parse(readFileSync(new URL('../../metrics-lib/package.json', import.meta.url), 'utf8')).version,
    );

    const esm = await serviceOn(spawnService(dir, 'server.mjs', await freePort()));
    const cjs = await serviceOn(spawnService(dir, 'server.cjs', await freePort()));
    await callWithPii(esm.url);
    await callWithPii(cjs.url);

    for (const s of [esm, cjs]) {
      const exposition = await (await fetch(`${s.url}/metrics`)).text();
      expect(promtoolCheckMetrics(exposition)).toEqual({ ok: true, output: '' });
      expect(exposition).toContain('tenant="__redacted__"');
      expect(exposition).not.toContain(BSN);
    }

    prometheus = await startPrometheus([
      { job: 'esm', target: esm.target },
      { job: 'cjs', target: cjs.target },
    ]);
    cleanup.push(() => prometheus.stop());
    for (const job of ['esm', 'cjs']) {
      const calls = await prometheus.waitForSeries(
        `${NAMES.calls}{job="${job}",service="medication-history",operation="fetch-medication-history"}`,
      );
      expect(calls.map((s) => s.value)).toEqual([2]);
      const tenants = await prometheus.waitForSeries(`${NAMES.tenantCalls}{job="${job}"}`);
      expect(tenants.map((s) => s.metric.tenant).sort()).toEqual(['__redacted__', 'apotheek-0042']);
    }

    run(dir, 'npx', ['hartslag', 'slo', 'generate', 'slos.yaml', '-o', 'rules.yaml']);
    expect(readFileSync(join(dir, 'rules.yaml'), 'utf8')).toContain('fetch-medication-history');
    expect(promtoolCheckRules(join(dir, 'rules.yaml'))).toMatchObject({ ok: true });

    // OpenTelemetry: the SDK line this Node supports, installed next to ours without a peer conflict.
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    const sdk3 = major > 22 || (major === 22 && minor >= 15);
    run(dir, 'npm', [
      'install',
      '--no-audit',
      '--no-fund',
      `@opentelemetry/sdk-metrics@${sdk3 ? '^3' : '^2'}`,
      `@opentelemetry/exporter-metrics-otlp-http@${sdk3 ? '^0.301' : '~0.223'}`,
    ]);
    const receiver = await otlpReceiver();
    cleanup.push(() => receiver.close());
    // Asynchronously: the receiver lives in this process and must answer while otel.mjs runs.
    const otel = await execFileAsync(process.execPath, ['otel.mjs'], {
      cwd: dir,
      env: { ...env, OTLP_URL: receiver.url },
      encoding: 'utf8',
    });
    expect(otel.stdout).toContain('exported');
    expect(receiver.bodies.length).toBeGreaterThanOrEqual(1);
    // OTLP protobuf carries names as plain bytes.
    expect(Buffer.concat(receiver.bodies).includes(OTEL.calls.name)).toBe(true);
  }, 300_000);

  // prom-client's successor where it runs (its engines: Node 22 and later): the service makes its
  // default registry from whichever client the project installed.
  const client = Number(process.versions.node.split('.')[0]) >= 22 ? '@prometheus-io/client' : 'prom-client';

  it(`install with pnpm into a blank project with ${client}; hartslag-status serves the badge from built JavaScript`, async () => {
    const dir = blankProject('module');
    run(dir, PNPM[0], [...PNPM[1], 'add', '@hartslag/metrics', '@hartslag/status-api', 'fastify', client]);
    // On Node 22 and later the service runs with @prometheus-io/client alone: prom-client is absent.
    if (client === '@prometheus-io/client') {
      expect(() => run(dir, process.execPath, ['-e', "require.resolve('prom-client/package.json')"])).toThrow();
    }
    // No tsx anywhere: the bin must run the built JavaScript.
    expect(() => run(dir, process.execPath, ['-e', "require.resolve('tsx')"])).toThrow();

    const esm = await serviceOn(spawnService(dir, 'server.mjs', await freePort()));
    await callWithPii(esm.url);
    const exposition = await (await fetch(`${esm.url}/metrics`)).text();
    expect(promtoolCheckMetrics(exposition)).toEqual({ ok: true, output: '' });
    expect(exposition).not.toContain(BSN);

    const pg: RunningPostgres = await startPostgres();
    cleanup.push(() => pg.stop());
    const port = await freePort();
    const config = readFileSync(join(dir, 'status.yaml'), 'utf8')
      .replace('url: http://127.0.0.1:9090', `url: ${prometheus?.url ?? 'http://127.0.0.1:9'}`)
      .replace('port: 8080', `port: ${port}`);
    writeFileSync(join(dir, 'status.yaml'), config);
    const status = new Process('npx', ['hartslag-status', 'serve', '--config', 'status.yaml'], dir, {
      ...env,
      DATABASE_URL: pg.url,
    });
    cleanup.push(() => status.stop());
    const badge = await waitFor(
      'the status badge',
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/badge/medication-history.svg`);
        return res.ok ? res : undefined;
      },
      30_000,
      status,
    );
    expect(badge.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await badge.text();
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Medication history');
  }, 300_000);
});

describe(`hartslag init from the published packages on Node ${process.versions.node}`, () => {
  it('npx hartslag init writes a blank project’s Hartslag files; its rules pass promtool, a second run changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hartslag-init-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'team-service', private: true }, null, 2));
    writeFileSync(join(dir, '.npmrc'), registry.npmrc('@hartslag'));
    run(dir, 'npm', ['install', '--no-audit', '--no-fund', '--save-dev', '@hartslag/cli']);
    const flags = ['--service', 'medication-history', '--operations', 'fetch-medication-history,register-dispensation'];
    const out = run(dir, 'npx', ['hartslag', 'init', ...flags, '--tenant-label', 'x-pharmacy-id', '--yes']);
    expect(out).toContain('created hartslag/prometheus/rules.yaml');
    const rules = promtoolCheckRules(join(dir, 'hartslag/prometheus/rules.yaml'));
    expect(rules).toMatchObject({ ok: true });
    expect(rules.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(readFileSync(join(dir, 'hartslag/k6/medication-history.js'), 'utf8')).toContain(
      '"http_req_failed{operation:register-dispensation}"',
    );
    const dashboards = JSON.parse(
      readFileSync(join(dir, 'hartslag/grafana/dashboards/hartslag-slo-overview.json'), 'utf8'),
    );
    expect(dashboards.uid).toBe('hartslag-slo-overview');
    // A second run changes nothing.
    expect(run(dir, 'npx', ['hartslag', 'init', ...flags, '--tenant-label', 'x-pharmacy-id', '--yes'])).toContain(
      'up to date: nothing to write',
    );
    // hartslag probes: the cli's dependency @hartslag/probes, compiled, from the registry.
    expect(run(dir, 'npx', ['hartslag', 'probes', '--help'])).toContain('hartslag probes run --config <probes.yaml>');
    const config =
      'apiVersion: hartslag.probes/v1\nservice: probes\nprobes:\n  - name: x\n    tcp: { host: 127.0.0.1, port: 0 }\n';
    writeFileSync(join(dir, 'probes.yaml'), config);
    const bad = spawnSync('npx', ['hartslag', 'probes', 'run', '--config', 'probes.yaml'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('probes.yaml:5:35: probes[0].tcp.port must be a whole number from 1 to 65535, got 0');
  }, 300_000);
});

function spawnService(dir: string, file: string, port: number): Process {
  const proc = new Process(process.execPath, [file], dir, { ...env, PORT: String(port) });
  cleanup.push(() => proc.stop());
  return proc;
}

/** The smallest OTLP/HTTP receiver: keeps the body of every POST to /v1/metrics. */
async function otlpReceiver(): Promise<{ url: string; bodies: Buffer[]; close(): Promise<void> }> {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/metrics') bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/metrics`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
