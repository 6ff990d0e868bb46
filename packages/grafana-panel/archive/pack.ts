/**
 * Packs the built plugin (dist/) as the zip Grafana's plugin installer and the plugin catalogue take:
 * one root folder named after the plugin id holding plugin.json, module.js (+ its source map),
 * README.md, CHANGELOG.md, LICENSE and img/ (https://grafana.com/developers/plugin-tools/publish-a-plugin/package-a-plugin).
 * Unsigned: `npx @grafana/sign-plugin` signs the folder before it is zipped for a private or
 * community signature. `node --import tsx archive/pack.ts [--force] [--out DIR]` builds first.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Zippable, zipSync } from 'fflate';
import { buildPlugin, PACKAGE_DIR, PLUGIN_DIST } from '../harness/build.js';
import { type ArchiveProblem, archiveProblems } from './rules.js';

export interface PackedPlugin {
  /** The zip, named `<id>-<version>.zip` as the catalogue lists releases. */
  file: string;
  id: string;
  version: string;
  /** Paths inside the zip, folders with a trailing slash. */
  entries: string[];
  /** What the catalogue would warn about (an unsigned plugin, no screenshots). */
  warnings: ArchiveProblem[];
}

/**
 * Every file under `dir`, by path relative to it. Fixed modification times: the same build gives
 * the same bytes, so a release's checksum does not change with the clock.
 */
function tree(dir: string, prefix: string, out: Zippable): void {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      out[`${prefix}${name}/`] = [new Uint8Array(0), { mtime: MTIME }];
      tree(full, `${prefix}${name}/`, out);
    } else {
      out[`${prefix}${name}`] = [readFileSync(full), { mtime: MTIME }];
    }
  }
}

const MTIME = new Date('2000-01-01T00:00:00Z');

/** Zips a built plugin folder (default dist/) into `outDir` after checking it against the catalogue's rules. */
export function packPlugin(
  distDir: string = PLUGIN_DIST,
  outDir: string = path.join(PACKAGE_DIR, 'release'),
): PackedPlugin {
  const meta = JSON.parse(readFileSync(path.join(distDir, 'plugin.json'), 'utf8')) as {
    id: string;
    info: { version: string };
  };
  // The root folder first: unzip tools and Grafana's installer then create it before its files.
  const files: Zippable = { [`${meta.id}/`]: [new Uint8Array(0), { mtime: MTIME }] };
  tree(distDir, `${meta.id}/`, files);
  const entries = Object.keys(files).sort();
  const read = (p: string) => {
    const v = files[p];
    return Array.isArray(v) ? (v[0] as Uint8Array) : undefined;
  };
  const problems = archiveProblems(entries, read);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(
      `the plugin in ${distDir} is not ready to publish:\n${errors.map((p) => `  ${p.analyzer}/${p.rule}: ${p.message}`).join('\n')}`,
    );
  }
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${meta.id}-${meta.info.version}.zip`);
  writeFileSync(file, zipSync(files, { level: 9 }));
  return {
    file,
    id: meta.id,
    version: meta.info.version,
    entries,
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  await buildPlugin({ force: args.includes('--force') });
  const packed = packPlugin(PLUGIN_DIST, outAt >= 0 ? path.resolve(args[outAt + 1] ?? '.') : undefined);
  for (const w of packed.warnings) process.stdout.write(`warning ${w.analyzer}/${w.rule}: ${w.message}\n`);
  process.stdout.write(`${packed.file} (${packed.entries.length} entries)\n`);
}
