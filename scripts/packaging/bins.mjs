// Every public package's command (`bin` in its manifest) is the same few lines: run the TypeScript
// source through tsx inside the workspace, the compiled CLI when installed from the registry. The
// lines are written here once and copied into each `bin` file by `pnpm generate` (CI fails on
// drift); `--check` only reports, for the packaging check. A new package with a `bin` entry gets
// its file without being named anywhere.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { publicPackages, ROOT } from './packages.mjs';

/** Where each command starts: `src/cli/main.ts` in a checkout, `dist/cli/main.js` in the tarball. */
export const BIN_SHIM = `#!/usr/bin/env node
// Runs the TypeScript source through tsx inside the workspace (a checkout has src/; its built dist/
// would import the other workspace packages' sources), the compiled CLI when installed from the
// registry (the tarball ships dist/ and no src/, and no tsx). Written by pnpm generate from
// scripts/packaging/bins.mjs: edit it there.
import { existsSync } from 'node:fs';

const src = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(src)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(src.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
`;

/** Bin files that differ from BIN_SHIM (or miss their src/cli/main.ts), as repo paths; rewritten unless `check`. */
export function syncBins({ check = false } = {}) {
  const drift = [];
  for (const p of publicPackages()) {
    const bins = typeof p.manifest.bin === 'string' ? { [p.name]: p.manifest.bin } : (p.manifest.bin ?? {});
    for (const path of Object.values(bins)) {
      const file = join(p.dir, path);
      const where = relative(ROOT, file);
      if (!existsSync(join(p.dir, 'src/cli/main.ts'))) {
        drift.push(`${where}: ${relative(ROOT, p.dir)}/src/cli/main.ts, where the command starts, is missing`);
        continue;
      }
      if (existsSync(file) && readFileSync(file, 'utf8') === BIN_SHIM) continue;
      drift.push(where);
      if (check) continue;
      writeFileSync(file, BIN_SHIM);
      chmodSync(file, 0o755);
    }
  }
  return drift;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const drift = syncBins({ check });
  if (check && drift.length > 0) {
    console.error(`bin files differ from scripts/packaging/bins.mjs (run pnpm generate):\n${drift.join('\n')}`);
    process.exit(1);
  }
  if (!check) for (const d of drift) console.log(`bins: wrote ${d}`);
}
