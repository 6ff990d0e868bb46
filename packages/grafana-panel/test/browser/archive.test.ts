import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPlugin } from '../../archive/pack.js';
import { archiveProblems } from '../../archive/rules.js';
import { buildPlugin, PLUGIN_DIST } from '../../harness/build.js';
import { pharmacyTraffic, toHarnessData } from '../../harness/fixtures/pharmacyTraffic.js';
import { type HarnessSession, startHarnessSession } from './support/harnessSession.js';

const PACKAGE_DIR = path.resolve(import.meta.dirname, '../..');
const META = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'src', 'plugin.json'), 'utf8')) as { id: string };
const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string })
  .version;
const work = mkdtempSync(path.join(tmpdir(), 'hartslag-plugin-archive-'));
const unpacked = path.join(work, 'plugins');

let packed: ReturnType<typeof packPlugin>;
let zip: Record<string, Uint8Array>;
let session: HarnessSession;

/** Unpacks as Grafana's installer does: into the plugins folder, the zip's root folder becoming the plugin's. */
function unpack(files: Record<string, Uint8Array>, into: string): void {
  for (const [name, bytes] of Object.entries(files)) {
    const target = path.join(into, name);
    if (name.endsWith('/')) mkdirSync(target, { recursive: true });
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
  }
}

beforeAll(async () => {
  await buildPlugin();
  packed = packPlugin(PLUGIN_DIST, work);
  zip = unzipSync(readFileSync(packed.file));
  unpack(zip, unpacked);
  session = await startHarnessSession(
    { pharmacy: toHarnessData(pharmacyTraffic()) },
    { pluginDir: path.join(unpacked, META.id) },
  );
});
afterAll(async () => {
  await session?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the plugin archive (pnpm --filter @hartslag/grafana-panel package)', () => {
  it('is <id>-<version>.zip with one folder named after the plugin id, holding what the catalogue asks for', () => {
    expect(path.basename(packed.file)).toBe(`${META.id}-${VERSION}.zip`);
    expect(Object.keys(zip).sort()).toEqual(
      [
        '',
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'img/',
        'img/logo.svg',
        'img/screenshot-dark.png',
        'img/screenshot-light.png',
        'module.js',
        'module.js.map',
        'plugin.json',
      ].map((f) => `${META.id}/${f}`),
    );
    const meta = JSON.parse(new TextDecoder().decode(zip[`${META.id}/plugin.json`])) as {
      info: { version: string };
      dependencies: { grafanaDependency: string };
    };
    expect(meta.info.version).toBe(VERSION);
    expect(meta.dependencies.grafanaDependency).toBe('>=12.4.0');
  });

  it("passes the plugin validator's offline rules; it warns only that it is unsigned", () => {
    const problems = archiveProblems(Object.keys(zip), (p) => (p.endsWith('/') ? undefined : zip[p]));
    expect(problems.map((p) => `${p.severity} ${p.analyzer}/${p.rule}`).sort()).toEqual([
      'warning signature/unsigned-plugin',
    ]);
  });

  it('loads in the harness from the unpacked archive as a PanelPlugin, and draws a day of pharmacy calls', async () => {
    const { api, errors, page } = await session.open({
      data: '/data/pharmacy.json',
      now: pharmacyTraffic().now,
      tz: 'Europe/Amsterdam',
      width: 1000,
      height: 400,
    });
    expect(api.error, api.error?.message).toBeUndefined();
    expect(api.isPanelPlugin).toBe(true);
    expect(api.pluginId).toBe(META.id);
    await page.waitForSelector('[data-testid="hartslag-rhythm-panel"] canvas', { timeout: 10_000 });
    const served = await page.evaluate(async () => (await fetch('/plugin/module.js')).text());
    expect(served).toBe(readFileSync(path.join(unpacked, META.id, 'module.js'), 'utf8'));
    expect(errors).toEqual([]);
  });
});

interface TestMeta {
  type: string;
  info: { version: string; logos: { small: string } };
  dependencies: Record<string, string>;
}

describe("the plugin validator's rules, on broken archives", () => {
  const id = 'acme-clock-panel';
  const good = (): Record<string, Uint8Array> => ({
    [`${id}/`]: new Uint8Array(0),
    [`${id}/plugin.json`]: strToU8(
      JSON.stringify({
        id,
        type: 'panel',
        name: 'Clock',
        info: {
          version: '1.2.3',
          updated: '2026-12-05',
          logos: { small: 'img/logo.svg', large: 'img/logo.svg' },
          screenshots: [{ name: 'Clock', path: 'img/clock.png' }],
        },
        dependencies: { grafanaDependency: '>=11.0.0' },
      }),
    ),
    [`${id}/module.js`]: strToU8('define([],function(){})'),
    [`${id}/module.js.map`]: strToU8('{"version":3,"sources":["module.ts"],"mappings":""}'),
    [`${id}/README.md`]: strToU8('# Clock\n'),
    [`${id}/CHANGELOG.md`]: strToU8('# Changelog\n'),
    [`${id}/LICENSE`]: strToU8('Apache License\n Version 2.0, January 2004\n'),
    [`${id}/img/logo.svg`]: strToU8('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    [`${id}/img/clock.png`]: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    [`${id}/MANIFEST.txt`]: strToU8('signed'),
  });
  const rulesBroken = (files: Record<string, Uint8Array>) =>
    archiveProblems(Object.keys(files), (p) => files[p]).map((p) => `${p.analyzer}/${p.rule}`);
  const edit = (change: (f: Record<string, Uint8Array>) => void) => {
    const f = good();
    change(f);
    return f;
  };
  const meta = (f: Record<string, Uint8Array>, patch: (m: TestMeta) => void) => {
    const m = JSON.parse(new TextDecoder().decode(f[`${id}/plugin.json`])) as TestMeta;
    patch(m);
    f[`${id}/plugin.json`] = strToU8(JSON.stringify(m));
  };

  it('a complete, signed archive breaks none', () => {
    expect(rulesBroken(good())).toEqual([]);
  });

  it.each([
    [
      'the dist folder zipped as it is',
      (f: Record<string, Uint8Array>) => {
        for (const k of Object.keys(f)) {
          f[k.replace(`${id}/`, 'dist/')] = f[k]!;
          delete f[k];
        }
      },
      ['archivename/no-ident-root-dir'],
    ],
    [
      'two folders',
      (f: Record<string, Uint8Array>) => (f['other/README.md'] = strToU8('x')),
      ['archive/more-than-one-dir'],
    ],
    ['no module.js', (f: Record<string, Uint8Array>) => delete f[`${id}/module.js`], ['modulejs/missing-modulejs']],
    [
      'no source map',
      (f: Record<string, Uint8Array>) => delete f[`${id}/module.js.map`],
      ['jssourcemap/js-map-not-found'],
    ],
    ['no README', (f: Record<string, Uint8Array>) => delete f[`${id}/README.md`], ['readme/missing-readme']],
    [
      'no CHANGELOG',
      (f: Record<string, Uint8Array>) => delete f[`${id}/CHANGELOG.md`],
      ['changelog/missing-changelog'],
    ],
    ['no LICENSE', (f: Record<string, Uint8Array>) => delete f[`${id}/LICENSE`], ['license/license-not-provided']],
    [
      'a logo that is not in the archive',
      (f: Record<string, Uint8Array>) => delete f[`${id}/img/logo.svg`],
      ['metadatapaths/path-not-exists', 'metadatapaths/path-not-exists'],
    ],
    [
      'a logo that runs script',
      (f: Record<string, Uint8Array>) => (f[`${id}/img/logo.svg`] = strToU8('<svg onload="alert(1)"/>')),
      ['unsafesvg/unsafe-svg-file'],
    ],
    [
      'a version that is not semver',
      (f: Record<string, Uint8Array>) => meta(f, (m) => (m.info.version = '%VERSION%')),
      ['version/wrong-plugin-version'],
    ],
    [
      'no grafanaDependency',
      (f: Record<string, Uint8Array>) => meta(f, (m) => (m.dependencies = {})),
      ['metadatavalid/invalid-metadata'],
    ],
    [
      'an id without its type',
      (f: Record<string, Uint8Array>) => meta(f, (m) => (m.type = 'app')),
      ['typesuffix/plugin-type-suffix'],
    ],
    [
      'a logo path starting with ./',
      (f: Record<string, Uint8Array>) => meta(f, (m) => (m.info.logos.small = './img/logo.svg')),
      ['metadatapaths/invalid-relative-path'],
    ],
  ])('%s breaks its rule', (_story, change, expected) => {
    expect(rulesBroken(edit(change))).toEqual(expected);
  });
});
