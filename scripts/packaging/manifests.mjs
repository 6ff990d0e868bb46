// The fields every published manifest shares are written once, in the root package.json
// (`repository`, `homepage`, `bugs`, `license`, `engines`: the Node versions CI runs, 20 to 26), and copied from there into each public
// package's manifest with its own `repository.directory`. `pnpm generate` runs this (CI fails on
// drift); `--check` only reports, for the packaging check.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { publicPackages, ROOT } from './packages.mjs';

const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The shared fields as `dir`'s manifest must carry them. */
export function sharedFields(dir) {
  return {
    license: root.license,
    repository: { ...root.repository, directory: relative(ROOT, dir) },
    homepage: `${root.homepage.replace(/#.*$/, '')}/tree/main/${relative(ROOT, dir)}#readme`,
    bugs: root.bugs,
    engines: root.engines,
  };
}

/** Manifests whose shared fields differ from the root's, as `name: field`; rewritten unless `check`. */
export function syncManifests({ check = false } = {}) {
  const drift = [];
  for (const p of publicPackages()) {
    const file = join(p.dir, 'package.json');
    const text = readFileSync(file, 'utf8');
    const manifest = JSON.parse(text);
    const want = sharedFields(p.dir);
    const fields = Object.keys(want).filter((k) => JSON.stringify(manifest[k]) !== JSON.stringify(want[k]));
    drift.push(...fields.map((f) => `${p.name}: ${f}`));
    if (check || fields.length === 0) continue;
    // Keep the manifest's own key order; new keys go after `license`.
    const out = {};
    for (const [k, v] of Object.entries(manifest)) {
      out[k] = k in want ? want[k] : v;
      if (k === 'license') for (const f of fields) if (!(f in manifest)) out[f] = want[f];
    }
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  }
  return drift;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const drift = syncManifests({ check });
  if (check && drift.length > 0) {
    console.error(
      `manifests differ from the root package.json's shared fields (run pnpm generate):\n${drift.join('\n')}`,
    );
    process.exit(1);
  }
  if (!check) for (const d of drift) console.log(`manifests: wrote ${d}`);
}
