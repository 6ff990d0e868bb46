import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dashboard, Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { LOADTEST_SERIES, RHYTHM_OPTION_KEYS, RHYTHM_PANEL_ID } from '@hartslag/metrics/contract';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDashboards, DASHBOARDS, PACKAGE_DIR, TAG } from '../src/index.js';
import { expressions, variablesUsed } from './fixtures/expressions.js';
import { CORE_PANEL_TYPES } from './fixtures/panelTypes.js';

const REPO = join(PACKAGE_DIR, '..');
const dashboards = buildDashboards();
const pluginJson = JSON.parse(readFileSync(join(REPO, 'packages/grafana-panel/src/plugin.json'), 'utf8')) as {
  id: string;
};
const provisioned = parse(readFileSync(join(PACKAGE_DIR, 'provisioning/datasources/prometheus.yaml'), 'utf8')) as {
  datasources: { uid: string; type: string }[];
};
const panelProvisioning = parse(
  readFileSync(join(REPO, 'packages/grafana-panel/provisioning/datasources/datasources.yml'), 'utf8'),
) as { datasources: { uid: string }[] };

const panels = (d: Dashboard) => (d.panels ?? []) as Panel[];
const each = dashboards.map((d) => [d.uid, d.dashboard] as const);

/** Every `{ type, uid }` data source reference anywhere in the model. */
function datasourceRefs(value: unknown, path = ''): { path: string; uid: unknown; type: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => datasourceRefs(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'datasource' && v !== null && typeof v === 'object'
      ? [{ path: `${path}.${k}`, uid: (v as { uid?: unknown }).uid, type: (v as { type?: unknown }).type }]
      : datasourceRefs(v, `${path}.${k}`),
  );
}

describe('the seven dashboards', () => {
  it('are the seven of the README, with unique hartslag- uids Grafana accepts (at most 40 characters)', () => {
    expect(dashboards.map((d) => d.uid)).toEqual(Object.values(DASHBOARDS).map((d) => d.uid));
    expect(new Set(dashboards.map((d) => d.uid)).size).toBe(7);
    for (const d of dashboards) {
      expect(d.uid).toMatch(/^hartslag-[a-z0-9-]+$/);
      expect(d.uid.length).toBeLessThanOrEqual(40);
    }
  });

  it('the generated JSON reads back as the model the SDK built', () => {
    for (const d of dashboards) expect(JSON.parse(d.json)).toEqual(JSON.parse(JSON.stringify(d.dashboard)));
  });
});

describe.each(each)('%s', (_uid, d) => {
  it('has the fields of the dashboard schema (SDK types at compile time; these at run time)', () => {
    expect(typeof d.title).toBe('string');
    expect(d.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(Array.isArray(d.templating.list)).toBe(true);
    expect(d.tags).toContain(TAG);
    for (const p of panels(d)) {
      expect(Number.isInteger(p.id)).toBe(true);
      expect(p.title?.length).toBeGreaterThan(0);
      const refIds = (p.targets ?? []).map((t) => (t as { refId?: string }).refId);
      expect(refIds.every((r) => typeof r === 'string' && r.length > 0)).toBe(true);
      expect(new Set(refIds).size).toBe(refIds.length);
    }
    expect(new Set(panels(d).map((p) => p.id)).size).toBe(panels(d).length);
  });

  it('uses only panel types that exist: core Grafana panels or our plugin', () => {
    const known = new Set([...CORE_PANEL_TYPES, pluginJson.id]);
    for (const p of panels(d)) expect(known, `panel "${p.title}"`).toContain(p.type);
  });

  it('refers to the provisioned Prometheus only, the uid the panel plugin provisions too', () => {
    const uid = provisioned.datasources[0]!.uid;
    expect(panelProvisioning.datasources.map((s) => s.uid)).toContain(uid);
    const refs = datasourceRefs(d);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs)
      expect({ path: r.path, uid: r.uid, type: r.type }).toEqual({ path: r.path, uid, type: 'prometheus' });
  });

  it('defines every variable its queries, titles and links use', () => {
    const defined = new Set((d.templating.list ?? []).map((v) => v.name));
    const texts = [
      ...expressions(d).map((e) => e.expr),
      ...panels(d).flatMap((p) => (p.fieldConfig?.defaults?.links ?? []).map((l) => `${l.url ?? ''} ${l.title}`)),
    ];
    const used = new Set(texts.flatMap(variablesUsed));
    // Data links read the clicked series' labels through ${__field…}, which are not variables.
    for (const name of used) expect(defined, `$${name}`).toContain(name);
  });

  it('lays panels out without overlap, within 24 columns', () => {
    const boxes = panels(d).map((p) => ({ title: p.title, ...p.gridPos! }));
    for (const b of boxes) {
      expect(b.x + b.w).toBeLessThanOrEqual(24);
      expect(b.w > 0 && b.h > 0).toBe(true);
    }
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `"${a.title}" and "${b.title}"`).toBe(false);
      }
    }
  });

  it('tells the operator what to do with every panel (a description on each)', () => {
    for (const p of panels(d)) expect(p.description?.length ?? 0, `panel "${p.title}"`).toBeGreaterThan(40);
  });

  it('links to the other Hartslag dashboards by tag, keeping time and variables; data links hit existing uids', () => {
    const uids = new Set(dashboards.map((x) => x.uid));
    const tagLinks = (d.links ?? []).filter((l) => l.type === 'dashboards');
    expect(tagLinks).toHaveLength(1);
    expect(tagLinks[0]).toMatchObject({ tags: [TAG], keepTime: true, includeVars: true });
    for (const p of panels(d)) {
      for (const l of p.fieldConfig?.defaults?.links ?? []) {
        const target = /^\/d\/([^/?]+)/.exec(l.url ?? '')?.[1];
        expect(uids, `data link of "${p.title}"`).toContain(target);
      }
    }
  });
});

describe('links and variables across dashboards', () => {
  it('the SLO overview drills to service calls with the clicked service and operation and the time range', () => {
    const slo = dashboards.find((d) => d.uid === DASHBOARDS.sloOverview.uid)!.dashboard;
    const urls = panels(slo).flatMap((p) => (p.fieldConfig?.defaults?.links ?? []).map((l) => l.url ?? ''));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url).toContain(`/d/${DASHBOARDS.serviceCalls.uid}?`);
      // Grafana's own ${…} placeholders, spelled as Grafana reads them.
      for (const part of [
        '__url_time_range}',
        'var-service=$',
        '{__field.labels.service}',
        '{__field.labels.operation}',
      ]) {
        expect(url).toContain(part);
      }
    }
  });

  it('service, operation, tenant, vendor, pipeline and stage (and group) are label_values query variables, multi-value with All as .*', () => {
    const vars = dashboards.flatMap((d) => d.dashboard.templating.list ?? []);
    expect(new Set(vars.map((v) => v.name))).toEqual(
      new Set(['service', 'operation', 'tenant', 'vendor', 'group', 'pipeline', 'stage']),
    );
    for (const v of vars.filter((x) => x.name !== 'group')) {
      expect(v.type).toBe('query');
      expect(String(v.query)).toMatch(new RegExp(`^label_values\\(care_\\w+(\\{.*\\})?, ${v.name}\\)$`));
      expect(v).toMatchObject({ multi: true, includeAll: true, allValue: '.*' });
    }
  });

  it('group lists the groups of grouped SLOs on the SLO overview, from slo:group_top:bool', () => {
    const overview = dashboards.find((d) => d.uid === DASHBOARDS.sloOverview.uid)!.dashboard;
    const group = overview.templating.list?.find((v) => v.name === 'group');
    expect(group).toMatchObject({ type: 'query', multi: true, includeAll: true, allValue: '.*' });
    expect(String(group?.query)).toBe('label_values(slo:group_top:bool{service=~"$service"}, slo_group)');
    // Each group label is narrowed, and series without one (ungrouped SLOs) still match.
    const exprs = JSON.stringify(overview.panels);
    expect(exprs).toContain('vendor=~\\"$group|\\"');
    expect(exprs).toContain('tenant=~\\"$group|\\"');
  });
});

describe('the daily-rhythm dashboard and our panel', () => {
  const rhythm = dashboards.find((d) => d.uid === DASHBOARDS.dailyRhythm.uid)!.dashboard;

  it('uses the panel id of the plugin.json', () => {
    expect(RHYTHM_PANEL_ID).toBe(pluginJson.id);
    expect(panels(rhythm).every((p) => p.type === pluginJson.id)).toBe(true);
  });

  it('sets only options the panel declares (RhythmOptions in the metric contract)', () => {
    const declared: readonly string[] = RHYTHM_OPTION_KEYS;
    const set = panels(rhythm).flatMap((p) => Object.keys(p.options ?? {}));
    expect(set.length).toBeGreaterThanOrEqual(declared.length);
    expect(set.filter((key) => !declared.includes(key))).toEqual([]);
  });

  it('compares today with yesterday, last week, last month and last year by offset queries the panel maps', () => {
    const offsets = panels(rhythm).find((p) => (p.options as { dataMode?: string }).dataMode === 'offsets')!;
    const exprs = (offsets.targets ?? []).map((t) => (t as unknown as { expr: string }).expr);
    for (const o of ['offset 1d', 'offset 1w', 'offset 4w', 'offset 52w'])
      expect(exprs.some((e) => e.includes(o))).toBe(true);
    expect((offsets.options as { offsetMapping: string }).offsetMapping).toBe(
      'A=current, B=previous-day, C=last-week, D=last-month, E=last-year',
    );
  });
});

describe('the load-test dashboard', () => {
  it('reads the load-test series of the metric contract, which the driver pushes (loadtests test/driver)', () => {
    const load = dashboards.find((d) => d.uid === DASHBOARDS.loadTest.uid)!.dashboard;
    const names = new Set(expressions(load).flatMap((e) => e.expr.match(/\b(?:artillery|hartslag)_\w+/g) ?? []));
    const pushed: readonly string[] = Object.values(LOADTEST_SERIES);
    expect([...names].filter((n) => !pushed.includes(n))).toEqual([]);
    expect(names.size).toBe(10);
  });
});
