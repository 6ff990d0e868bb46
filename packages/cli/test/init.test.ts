import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseConfig } from '@hartslag/status-api';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_PATH, SPEC_PATH } from '../src/index.js';
import { hartslag } from './support.js';

const FLAGS = [
  '--service',
  'medication-history',
  '--operations',
  'fetch-medication-history,register-dispensation',
  '--tenant-label',
  'x-pharmacy-id',
  '--yes',
];
const FILES = [
  'hartslag/.init-manifest.json',
  'hartslag/grafana/dashboards/hartslag-rhythm.json',
  'hartslag/grafana/dashboards/hartslag-service-calls.json',
  'hartslag/grafana/dashboards/hartslag-slo-overview.json',
  'hartslag/grafana/dashboards/hartslag-tenants-vendors.json',
  'hartslag/grafana/provisioning/dashboards/hartslag.yaml',
  'hartslag/grafana/provisioning/datasources/prometheus.yaml',
  'hartslag/instrumentation.mjs',
  'hartslag/k6/medication-history.js',
  'hartslag/prometheus/rules.yaml',
  'hartslag/slos.yaml',
  'hartslag/status/status.yaml',
];

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hartslag-init-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Every file under dir with its content, by relative path. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

describe('hartslag init', () => {
  it('writes the spec and everything generated from it, and a manifest of their hashes', async () => {
    const dir = tmp();
    const r = await hartslag(['init', ...FLAGS, '--dir', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(Object.keys(snapshot(dir)).sort()).toEqual(FILES);
    expect(r.out).toContain('wrote 11 files');
    const spec = read(dir, SPEC_PATH);
    expect(spec.match(/^kind: SLO$/gm)).toHaveLength(2);
    expect(spec).toContain(
      'query: care_calls_total{service="medication-history",operation="register-dispensation",outcome=~"server_error|timeout"}',
    );
    expect(spec).toContain('hartslag.dev/max-outage: 10m');
    expect(spec).toContain('hartslag.dev/breakdown: vendor, tenant');
    expect(read(dir, 'hartslag/instrumentation.mjs')).toContain(
      "await app.register(careMetricsPlugin, { metrics, tenant: 'x-pharmacy-id' });",
    );
    const manifest = JSON.parse(read(dir, MANIFEST_PATH));
    expect(Object.keys(manifest.files)).toHaveLength(11);
    expect(manifest.answers).toMatchObject({ service: 'medication-history', objective: 0.999, framework: 'fastify' });
  });

  it('a second run changes nothing, with the flags or without them (the manifest remembers the answers)', async () => {
    const dir = tmp();
    await hartslag(['init', ...FLAGS, '--dir', dir]);
    const before = snapshot(dir);
    const mtimes = FILES.map((f) => statSync(join(dir, f)).mtimeMs);
    for (const argv of [
      ['init', ...FLAGS, '--dir', dir],
      ['init', '--yes', '--dir', dir],
    ]) {
      const r = await hartslag(argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/up to date: nothing to write\n$/);
      expect(snapshot(dir)).toEqual(before);
    }
    expect(FILES.map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(mtimes);
  });

  it('--dry-run lists what it would write and writes nothing', async () => {
    const dir = tmp();
    const r = await hartslag(['init', ...FLAGS, '--dir', dir, '--dry-run']);
    expect(r.code).toBe(0);
    expect(
      r.out
        .split('\n')
        .filter((l) => l.startsWith('would create '))
        .map((l) => l.slice(13))
        .sort(),
    ).toEqual(FILES.filter((f) => f !== MANIFEST_PATH));
    expect(r.out).toContain('dry run: would write 11 files; nothing written');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('new answers rewrite the spec init wrote, and what follows from it: objective 0.995 allows 0.5% failed calls in k6', async () => {
    const dir = tmp();
    await hartslag(['init', ...FLAGS, '--dir', dir]);
    const r = await hartslag(['init', '--objective', '0.995', '--yes', '--dir', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('updated hartslag/slos.yaml');
    expect(r.out).toContain('updated hartslag/prometheus/rules.yaml');
    expect(r.out).toContain('unchanged hartslag/instrumentation.mjs');
    expect(read(dir, SPEC_PATH)).toContain('- target: 0.995');
    expect(read(dir, 'hartslag/k6/medication-history.js')).toContain(
      '"http_req_failed{operation:register-dispensation}": [\n      "rate<0.005"\n    ]',
    );
  });

  it("an edited spec is the team's: init reads it and regenerates the rest from it, never overwriting it", async () => {
    const dir = tmp();
    await hartslag(['init', ...FLAGS, '--dir', dir]);
    const edited = read(dir, SPEC_PATH).replaceAll('register-dispensation', 'send-prescription');
    writeFileSync(join(dir, SPEC_PATH), edited);
    const r = await hartslag(['init', '--yes', '--dir', dir]);
    expect(r.err).toBe('');
    expect(r.out).toContain('read hartslag/slos.yaml as you edited it');
    expect(read(dir, SPEC_PATH)).toBe(edited);
    expect(read(dir, 'hartslag/instrumentation.mjs')).toContain(
      "export const OPERATIONS = ['fetch-medication-history','send-prescription'];",
    );
    expect(read(dir, 'hartslag/prometheus/rules.yaml')).toContain('operation="send-prescription"');
    expect(read(dir, 'hartslag/prometheus/rules.yaml')).not.toContain('register-dispensation');
    // And then it is stable again; spec flags no longer apply, and it says so.
    expect((await hartslag(['init', '--yes', '--dir', dir])).out).toContain('up to date: nothing to write');
    const flagged = await hartslag(['init', '--objective', '0.9', '--yes', '--dir', dir]);
    expect(flagged.out).toContain('not applied: --objective — the spec is yours now: change it in hartslag/slos.yaml');
    expect(read(dir, SPEC_PATH)).toBe(edited);
  });

  it('an edited spec that fails validation: HARTSLAG_ERR_INIT_SPEC with file:line and field, nothing written', async () => {
    const dir = tmp();
    await hartslag(['init', ...FLAGS, '--dir', dir]);
    writeFileSync(join(dir, SPEC_PATH), read(dir, SPEC_PATH).replace('- target: 0.999', '- target: 99.9'));
    const rules = read(dir, 'hartslag/prometheus/rules.yaml');
    const r = await hartslag(['init', '--yes', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^HARTSLAG_ERR_INIT_SPEC: hartslag\/slos\.yaml: 1 problem:\n.*hartslag\/slos\.yaml:\d+: spec\.objectives\[0\]\.target must be between 0 and 1/,
    );
    expect(read(dir, 'hartslag/prometheus/rules.yaml')).toBe(rules);
  });

  it('refuses to overwrite files it did not write, or that were edited; lists them all and writes nothing', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'hartslag/prometheus'), { recursive: true });
    writeFileSync(join(dir, 'hartslag/prometheus/rules.yaml'), 'groups: []\n');
    const r = await hartslag(['init', ...FLAGS, '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'HARTSLAG_ERR_INIT_CONFLICT: hartslag init wrote nothing: these files are in the way:\n  hartslag/prometheus/rules.yaml was not written by hartslag init\n',
    );
    expect(Object.keys(snapshot(dir))).toEqual(['hartslag/prometheus/rules.yaml']);

    const other = tmp();
    await hartslag(['init', ...FLAGS, '--dir', other]);
    writeFileSync(join(other, 'hartslag/k6/medication-history.js'), '// tuned by hand\n');
    const again = await hartslag(['init', '--objective', '0.99', '--yes', '--dir', other]);
    expect(again.err).toContain('  hartslag/k6/medication-history.js was edited since hartslag init wrote it\n');
    expect(read(other, SPEC_PATH)).toContain('- target: 0.999');
  });

  it('bad answers: every problem in one HARTSLAG_ERR_INIT_INPUT naming its flag, exit 2; unknown flags are usage errors', async () => {
    const dir = tmp();
    const r = await hartslag([
      'init',
      '--service',
      'Medication History',
      '--operations',
      'fetch,fetch',
      '--objective',
      '99.9',
      '--max-outage',
      '10s',
      '--framework',
      'spring',
      '--tenant-label',
      'x pharmacy',
      '--yes',
      '--dir',
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      [
        'HARTSLAG_ERR_INIT_INPUT: hartslag init cannot go on:',
        '  --service "Medication History" must be lower-case letters, digits and dashes (at most 42), e.g. medication-history',
        '  --operations names an operation twice',
        '  --tenant-label "x pharmacy" must be a request header name, e.g. x-pharmacy-id',
        '  --objective "99.9" must be a share between 0 and 1 (exclusive), e.g. 0.999',
        '  --max-outage "10s" must be a duration from 1m to 1d, e.g. 10m',
        '  --framework "spring" must be one of fastify, http, grpc',
        '',
      ].join('\n'),
    );
    const missing = await hartslag(['init', '--yes', '--dir', dir]);
    expect(missing.err).toContain('--service is required');
    expect(missing.err).toContain('--operations is required');
    const unknown = await hartslag(['init', '--servce', 'x', '--dir', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^HARTSLAG_ERR_CLI_USAGE: hartslag init: Unknown option '--servce'/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('asks at a terminal for what the flags leave out, with the defaults in brackets', async () => {
    const dir = tmp();
    const input = new PassThrough();
    const output = new PassThrough();
    let asked = '';
    output.on('data', (chunk) => {
      asked += String(chunk);
    });
    input.end('pharmacy-hub\nlookup, dispense\n\n\n0.99\n\nhttp\n');
    const r = await hartslag(['init', '--dir', dir], { input, output, isTTY: true });
    expect(r.err).toBe('');
    expect(asked).toContain('Service name (the service label): ');
    expect(asked).toContain('Longest tolerated outage [10m]: ');
    expect(JSON.parse(read(dir, MANIFEST_PATH)).answers).toEqual({
      service: 'pharmacy-hub',
      operations: ['lookup', 'dispense'],
      objective: 0.99,
      maxOutage: '10m',
      framework: 'http',
    });
    expect(read(dir, 'hartslag/instrumentation.mjs')).toContain('careMetricsMiddleware({ metrics,');
  });

  it.each([
    ['http', "import { careMetricsHandler, careMetricsMiddleware, createCareMetrics } from '@hartslag/metrics';"],
    ['grpc', "return careMetricsInterceptor({ metrics, tenantMetadataKey: 'x-pharmacy-id',"],
  ])('writes the %s snippet', async (framework, line) => {
    const dir = tmp();
    await hartslag(['init', ...FLAGS, '--framework', framework, '--dir', dir]);
    expect(read(dir, 'hartslag/instrumentation.mjs')).toContain(line);
  });

  it('the status configuration is one the status API loads: the service as a component over its SLOs', async () => {
    const dir = tmp();
    await hartslag(['init', ...FLAGS, '--dir', dir]);
    const config = parseConfig(read(dir, 'hartslag/status/status.yaml'), 'status.yaml');
    expect(config.components.map((c) => [c.id, c.slos])).toEqual([
      [
        'medication-history',
        ['medication-history-fetch-medication-history', 'medication-history-register-dispensation'],
      ],
    ]);
    expect(existsSync(join(dir, 'hartslag/status/status.yaml.tmp'))).toBe(false);
  });
});
