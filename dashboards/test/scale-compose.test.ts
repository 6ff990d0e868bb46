import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { COLLECTOR_CONFIG, collectorEnv, vmalertFlags } from '@hartslag/testkit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_DIR } from '../src/index.js';

/**
 * Docker is not here: deploy/compose.yaml, the users' copy of the scale-out topology, is checked as
 * data against the files and flags the tests run.
 */
interface Service {
  image?: string;
  build?: { context: string; dockerfile_inline: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  networks?: Record<string, { aliases?: string[] } | null>;
}
interface Compose {
  include?: string[];
  services: Record<string, Service>;
}

const REPO = resolve(PACKAGE_DIR, '..');
const FILE = join(REPO, 'deploy/compose.yaml');
const compose = parse(readFileSync(FILE, 'utf8')) as Compose;
const { otelcol, victoriametrics, vmalert, alertmanager } = compose.services as Record<string, Service>;

/** Bind mounts with the host side resolved as compose does (against the file's directory). */
function mount(s: Service | undefined, container: string): string | undefined {
  for (const v of s?.volumes ?? []) {
    const [host, inside] = v.split(':') as [string, string];
    if (inside === container) return resolve(dirname(FILE), host);
  }
  return undefined;
}
const flag = (s: Service | undefined, name: string) =>
  s?.command?.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);

describe('deploy/compose.yaml: the scale-out topology users run', () => {
  it('includes the status replicas example as it is tested: PostgreSQL, two replicas, haproxy with the tested haproxy.cfg', () => {
    const included = (compose.include ?? []).map((p) => resolve(dirname(FILE), p));
    const replicas = join(REPO, 'packages/status-api/examples/replicas/compose.yaml');
    expect(included).toEqual([replicas]);
    const theirs = parse(readFileSync(replicas, 'utf8'), { merge: true }) as Compose;
    expect(Object.keys(theirs.services).sort()).toEqual(['haproxy', 'postgres', 'status-1', 'status-2']);
    expect(theirs.services.haproxy!.volumes).toContain('./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    // No service of this file shadows one of theirs.
    for (const name of Object.keys(compose.services)) expect(theirs.services[name], name).toBeUndefined();
  });

  it('builds the Collector from tools/otelcol with the Go of its go.mod, and runs the one configuration file', () => {
    const context = resolve(dirname(FILE), otelcol!.build!.context);
    expect(context).toBe(dirname(COLLECTOR_CONFIG));
    const dockerfile = otelcol!.build!.dockerfile_inline;
    for (const f of ['go.mod', 'go.sum', 'main.go']) expect(existsSync(join(context, f)), f).toBe(true);
    expect(dockerfile).toContain('COPY go.mod go.sum main.go ./');
    const goVersion = /^go (\d+\.\d+)/m.exec(readFileSync(join(context, 'go.mod'), 'utf8'))![1];
    expect(dockerfile).toContain(`FROM golang:${goVersion}-`);
    const config = flag(otelcol, '--config');
    expect(config).toBeDefined();
    expect(mount(otelcol, config!)).toBe(COLLECTOR_CONFIG);
  });

  it('gives the Collector every variable its configuration reads, the same ones the tests set', () => {
    const text = readFileSync(COLLECTOR_CONFIG, 'utf8');
    const required = [...text.matchAll(/\$\{env:([A-Z_]+)\}/g)].map((m) => m[1]);
    const env = otelcol!.environment ?? {};
    expect(Object.keys(env).sort()).toEqual(
      Object.keys(collectorEnv({ otlpHttpEndpoint: '', remoteWrite: '' })).sort(),
    );
    for (const name of required) expect(env[name!], name).toBeTruthy();
    const port = env.OTLP_HTTP_ENDPOINT!.split(':')[1];
    expect(otelcol!.ports).toContain(`${port}:${port}`);
  });

  it('has the Collector write into VictoriaMetrics where it listens', () => {
    const listen = flag(victoriametrics, '-httpListenAddr')!;
    expect(otelcol!.environment!.REMOTE_WRITE_URL).toBe(`http://victoriametrics${listen}/api/v1/write`);
  });

  it('runs vmalert with the flags the tests use, on the generated rules the VictoriaMetrics test evaluates', () => {
    const store = `http://victoriametrics${flag(victoriametrics, '-httpListenAddr')}`;
    const notifierPort = alertmanager!.ports![0]!.split(':')[1];
    expect(vmalert!.command).toEqual(
      vmalertFlags({
        ruleFiles: ['/etc/vmalert/rules.yaml'],
        datasource: store,
        notifier: `http://alertmanager:${notifierPort}`,
        listen: ':8880',
      }),
    );
    expect(mount(vmalert, '/etc/vmalert/rules.yaml')).toBe(join(PACKAGE_DIR, 'prometheus/rules.yaml'));
    expect(vmalert!.image!.split(':')[1]).toBe(victoriametrics!.image!.split(':')[1]);
  });

  it('sends alerts to an Alertmanager running the generated configuration', () => {
    const config = flag(alertmanager, '--config.file')!;
    expect(mount(alertmanager, config)).toBe(join(REPO, 'packages/slo/examples/alertmanager.yaml'));
    expect(readFileSync(join(REPO, 'packages/slo/examples/alertmanager.yaml'), 'utf8')).toMatch(/^# Code generated/);
  });

  it('lets the replicas read VictoriaMetrics at the source URL their status.yaml names', () => {
    const status = parse(readFileSync(join(REPO, 'packages/status-api/examples/replicas/status.yaml'), 'utf8')) as {
      source: { kind: string; url: string };
    };
    const url = new URL(status.source.url);
    expect(status.source.kind).toBe('prometheus');
    expect(victoriametrics!.networks?.status?.aliases).toContain(url.hostname);
    expect(flag(victoriametrics, '-httpListenAddr')).toBe(`:${url.port}`);
  });
});
