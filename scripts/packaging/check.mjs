// Checks what users would download, not the workspace: builds and packs every public package, then
// lints each tarball with publint (strict) and @arethetypeswrong/cli (node16 and bundler
// resolution, ESM and CJS importers), and checks that the packed manifest has no `workspace:`
// range left and publishes every subpath the workspace exports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { syncBins } from './bins.mjs';
import { syncManifests } from './manifests.mjs';
import { buildAll, packAll, ROOT } from './packages.mjs';

const dest = mkdtempSync(join(tmpdir(), 'hartslag-pack-'));
const problems = [
  ...syncManifests({ check: true }).map((d) => `${d} differs from the root package.json's (pnpm generate)`),
  ...syncBins({ check: true }).map((d) => `${d} differs from scripts/packaging/bins.mjs (pnpm generate)`),
];
try {
  buildAll({ stdio: ['ignore', 'ignore', 'inherit'] });
  for (const p of packAll(dest)) {
    const tarball = readFileSync(p.tarball);
    const result = await publint({ pack: { tarball: tarball.buffer }, strict: true, level: 'suggestion' });
    for (const m of result.messages) problems.push(`${p.name}: publint: ${formatMessage(m, result.pkg) ?? m.code}`);

    const packed = JSON.parse(execFileSync('tar', ['-xzOf', p.tarball, 'package/package.json'], { encoding: 'utf8' }));
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dep, range] of Object.entries(packed[field] ?? {})) {
        if (String(range).startsWith('workspace:')) problems.push(`${p.name}: ${field}.${dep} is still ${range}`);
      }
    }
    const workspaceOnly = new Set(p.manifest.hartslag?.workspaceOnly ?? []);
    const devSubpaths = Object.keys(p.manifest.exports ?? {}).filter((sub) => !workspaceOnly.has(sub));
    for (const sub of devSubpaths) {
      if (packed.exports?.[sub] === undefined) problems.push(`${p.name}: published exports lack "${sub}"`);
    }
    for (const field of ['license', 'repository', 'engines', 'keywords', 'files']) {
      if (packed[field] === undefined) problems.push(`${p.name}: package.json has no "${field}"`);
    }

    try {
      execFileSync(join(ROOT, 'node_modules/.bin/attw'), [p.tarball, '--profile', 'node16', '--format', 'ascii'], {
        encoding: 'utf8',
      });
    } catch (e) {
      problems.push(`${p.name}: @arethetypeswrong/cli:\n${e.stdout}`);
    }
    console.log(`packaging: ${p.name} ${p.version} checked`);
  }
} finally {
  rmSync(dest, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(
    `Packaging problems (fix the package.json or the build, then run pnpm packaging):\n${problems.join('\n')}`,
  );
  process.exit(1);
}
