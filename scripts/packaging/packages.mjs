// The packages Hartslag publishes: every workspace package that is not `private`. Publishing, the
// packaging check and the install test all read this list, so a new public package (for example a
// CLI) is built, checked, published and installed without being named anywhere.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/**
 * Every workspace folder, from pnpm-workspace.yaml's `packages:` list (`dir` or `dir/*` entries).
 * @returns {string[]}
 */
export function workspaceDirs() {
  const yaml = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8');
  const list = /^packages:\n((?:\s+-.*\n)+)/m.exec(yaml)?.[1] ?? '';
  const globs = [...list.matchAll(/-\s*["']?([^"'\n]+?)["']?\s*$/gm)].map((m) => m[1]);
  return globs.flatMap((g) =>
    g.endsWith('/*')
      ? readdirSync(join(ROOT, g.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => join(ROOT, g.slice(0, -2), d.name))
      : [join(ROOT, g)],
  );
}

/** @returns {{ name: string, version: string, dir: string, manifest: Record<string, unknown> }[]} */
export function publicPackages() {
  const found = [];
  for (const dir of workspaceDirs()) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (manifest.private === true) continue;
    found.push({ name: manifest.name, version: manifest.version, dir, manifest });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** pnpm as the README runs it (`npx -y pnpm@…`), so no global pnpm is needed. */
export const PNPM = [
  'npx',
  ['-y', `pnpm@${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1]}`],
];

export function pnpm(args, options = {}) {
  return execFileSync(PNPM[0], [...PNPM[1], ...args], { encoding: 'utf8', ...options });
}

/** Builds every public package (tsup, one shared config), dependencies first. */
export function buildAll(options = {}) {
  const filters = publicPackages().flatMap((p) => ['--filter', p.name]);
  return pnpm(['-r', ...filters, 'run', 'build'], { cwd: ROOT, ...options });
}

/** `pnpm pack` of every public package into `dest` (workspace: ranges become versions, publishConfig applies). */
export function packAll(dest) {
  return publicPackages().map((p) => {
    const out = pnpm(['pack', '--pack-destination', dest], { cwd: p.dir }).trim().split('\n');
    return { ...p, tarball: out[out.length - 1] };
  });
}
