import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A generated file: its path relative to the package that commits it, with `/`, and its content. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/**
 * Paths under `dir` whose committed copy differs from the generated one, or is missing: the
 * golden tests and the CI drift checks of every generator (dashboards, load tests) ask this.
 */
export function drifted(files: readonly GeneratedFile[], dir: string): string[] {
  return files
    .filter((f) => {
      const file = join(dir, f.path);
      return !existsSync(file) || readFileSync(file, 'utf8') !== f.content;
    })
    .map((f) => f.path);
}

/** Writes the files that drifted under `dir` (unchanged ones keep their mtime); returns their paths. */
export function writeGenerated(files: readonly GeneratedFile[], dir: string): string[] {
  const changed = drifted(files, dir);
  for (const f of files) {
    if (!changed.includes(f.path)) continue;
    const file = join(dir, f.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, f.content);
  }
  return changed;
}
