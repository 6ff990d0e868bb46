import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RHYTHM_PANEL_ID } from '@hartslag/metrics/contract';
import { SERVICE } from '@hartslag/reference-platform';
import { requireTool } from '@hartslag/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMPOSE, DATASOURCE_UID, PACKAGE_DIR } from '../src/index.js';

/** Docker is not here: the compose file is checked as data, and its Prometheus files with promtool. */
interface Service {
  image: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  extra_hosts?: string[];
  command?: string[];
}
const compose = parse(readFileSync(join(PACKAGE_DIR, 'compose.yaml'), 'utf8')) as { services: Record<string, Service> };
const { grafana, prometheus, pushgateway } = compose.services;
const REPO = resolve(PACKAGE_DIR, '..');
const PANEL_DIST = 'packages/grafana-panel/dist';

/** `host:container[:ro]` bind mounts, host side resolved against dashboards/ as compose does. */
function mounts(s: Service) {
  return (s.volumes ?? []).map((v) => {
    const [host, container] = v.split(':') as [string, string];
    return { host: resolve(PACKAGE_DIR, host), container, readOnly: v.endsWith(':ro') };
  });
}
const mountOf = (s: Service, container: string) => mounts(s).find((m) => m.container === container);

const temp = mkdtempSync(join(tmpdir(), 'hartslag-compose-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('compose.yaml', () => {
  it('runs Grafana, Prometheus and the Pushgateway from pinned images', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['grafana', 'prometheus', 'pushgateway']);
    expect(grafana!.image).toMatch(/^grafana\/grafana:12\.\d+\.\d+$/);
    expect(prometheus!.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(pushgateway!.image).toMatch(/^prom\/pushgateway:v\d+\.\d+\.\d+$/);
  });

  it('Grafana matches the @grafana packages the panel builds against (same minor version)', () => {
    const panel = JSON.parse(readFileSync(join(REPO, 'packages/grafana-panel/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const [major, minor] = panel.dependencies['@grafana/data']!.split('.');
    expect(grafana!.image).toContain(`:${major}.${minor}.`);
  });

  it('bind-mounts only paths in the repository, read-only; the panel from where its build writes', () => {
    for (const s of [grafana!, prometheus!]) {
      for (const m of mounts(s)) {
        expect(m.readOnly, m.container).toBe(true);
        expect(m.host.startsWith(REPO), m.host).toBe(true);
        // dist/ exists once `pnpm build` has run; everything else is committed.
        if (m.host !== join(REPO, PANEL_DIST)) expect(existsSync(m.host), m.host).toBe(true);
      }
    }
    const bundler = readFileSync(join(REPO, 'packages/grafana-panel/.config/bundler/constants.ts'), 'utf8');
    expect(bundler).toContain(`DIST_DIR = '${PANEL_DIST.split('/').pop()}'`);
    expect(mountOf(grafana!, `/var/lib/grafana/plugins/${RHYTHM_PANEL_ID}`)?.host).toBe(join(REPO, PANEL_DIST));
  });

  it('mounts the provisioning, the dashboards where the provider looks, and the rules where prometheus.yml reads them', () => {
    expect(mountOf(grafana!, '/etc/grafana/provisioning')?.host).toBe(join(PACKAGE_DIR, 'provisioning'));
    expect(mountOf(grafana!, COMPOSE.dashboardsPath)?.host).toBe(join(PACKAGE_DIR, 'json'));
    const provider = parse(readFileSync(join(PACKAGE_DIR, 'provisioning/dashboards/hartslag.yaml'), 'utf8'));
    expect(provider.providers[0].options.path).toBe(COMPOSE.dashboardsPath);
    expect(mountOf(prometheus!, '/etc/prometheus/prometheus.yml')?.host).toBe(
      join(PACKAGE_DIR, 'prometheus/prometheus.yml'),
    );
    expect(mountOf(prometheus!, COMPOSE.rulesPath)?.host).toBe(join(PACKAGE_DIR, 'prometheus/rules.yaml'));
    const home = grafana!.environment!.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH!;
    expect(existsSync(join(PACKAGE_DIR, 'json', home.slice(COMPOSE.dashboardsPath.length + 1)))).toBe(true);
  });

  it('lets anonymous visitors view, and loads our unsigned panel', () => {
    expect(grafana!.environment).toMatchObject({
      GF_AUTH_ANONYMOUS_ENABLED: 'true',
      GF_AUTH_ANONYMOUS_ORG_ROLE: 'Viewer',
      GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS: RHYTHM_PANEL_ID,
    });
  });

  it('publishes Grafana on 3000 and Prometheus on 9091, clear of the demo (9464, 4000, 9090, 3001)', () => {
    expect(grafana!.ports).toEqual(['3000:3000']);
    expect(prometheus!.ports).toEqual(['9091:9090']);
    const host = Object.values(compose.services).flatMap((s) => (s.ports ?? []).map((p) => Number(p.split(':')[0])));
    for (const demo of [9464, 4000, 9090, 3001]) expect(host).not.toContain(demo);
    expect(new Set(host).size).toBe(host.length);
  });

  it('lets Prometheus reach the demo on the host', () => {
    expect(prometheus!.extra_hosts).toContain('host.docker.internal:host-gateway');
    expect(COMPOSE.platformTarget).toBe('host.docker.internal:9464');
  });
});

describe('the provisioned data source', () => {
  it('has the uid the dashboards use, and points at the compose Prometheus', () => {
    const ds = parse(readFileSync(join(PACKAGE_DIR, 'provisioning/datasources/prometheus.yaml'), 'utf8'));
    expect(ds.datasources).toHaveLength(1);
    expect(ds.datasources[0]).toMatchObject({ uid: DATASOURCE_UID, type: 'prometheus', url: 'http://prometheus:9090' });
    expect(Object.keys(compose.services)).toContain(new URL(ds.datasources[0].url).hostname);
  });
});

describe('the Prometheus files, checked by promtool', () => {
  it('promtool check rules accepts rules.yaml', () => {
    requireTool('promtool');
    const r = spawnSync('promtool', ['check', 'rules', join(PACKAGE_DIR, 'prometheus/rules.yaml')], {
      encoding: 'utf8',
    });
    expect(`${r.stdout}${r.stderr}`).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.status).toBe(0);
  });

  it('promtool check config accepts prometheus.yml, with the rules where compose mounts them', () => {
    requireTool('promtool');
    const text = readFileSync(join(PACKAGE_DIR, 'prometheus/prometheus.yml'), 'utf8');
    expect(text).toContain(COMPOSE.rulesPath);
    // promtool opens the rule files: point the container path at the file compose mounts there.
    const file = join(temp, 'prometheus.yml');
    writeFileSync(file, text.replace(COMPOSE.rulesPath, join(PACKAGE_DIR, 'prometheus/rules.yaml')));
    const r = spawnSync('promtool', ['check', 'config', file], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('scrapes the demo platform, and the Pushgateway keeping the pushed job label', () => {
    const config = parse(readFileSync(join(PACKAGE_DIR, 'prometheus/prometheus.yml'), 'utf8'));
    const jobs = Object.fromEntries(
      (
        config.scrape_configs as { job_name: string; honor_labels?: boolean; static_configs: { targets: string[] }[] }[]
      ).map((j) => [j.job_name, j]),
    );
    expect(jobs['reference-platform']!.static_configs[0]!.targets).toEqual([COMPOSE.platformTarget]);
    expect(jobs.pushgateway).toMatchObject({
      honor_labels: true,
      static_configs: [{ targets: [COMPOSE.pushgatewayTarget] }],
    });
    expect(config.global.scrape_interval).toBe('15s');
  });

  it("relabels the platform's one service to the specs' services, by operation, as the rules expect", () => {
    const config = parse(readFileSync(join(PACKAGE_DIR, 'prometheus/prometheus.yml'), 'utf8'));
    const job = (config.scrape_configs as { job_name: string; metric_relabel_configs?: unknown[] }[]).find(
      (j) => j.job_name === 'reference-platform',
    );
    expect(COMPOSE.platformService).toBe(SERVICE);
    const relabel = job!.metric_relabel_configs as { regex: string; replacement: string }[];
    const serviceOf = (operation: string) =>
      relabel.find((r) => new RegExp(`^(?:${r.regex})$`).test(`${SERVICE};${operation}`))?.replacement;
    expect(serviceOf('fetch-medication-history')).toBe('medication-history');
    expect(serviceOf('login')).toBe('messaging');
    expect(serviceOf('send-message')).toBe('messaging');
    // Every service the rules select on exists after relabelling.
    const rules = readFileSync(join(PACKAGE_DIR, 'prometheus/rules.yaml'), 'utf8');
    const ruleServices = new Set([...rules.matchAll(/service="([a-z-]+)"/g)].map((m) => m[1]));
    expect([...ruleServices].sort()).toEqual([...new Set(relabel.map((r) => r.replacement))].sort());
  });
});
