import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Output } from './outputs.js';

/** Generated files whose committed copy differs from what the catalogue generates (or is missing). */
export function drifted(outputs: readonly Output[], dir: string): string[] {
  return outputs
    .filter((o) => {
      const file = join(dir, o.path);
      return !existsSync(file) || readFileSync(file, 'utf8') !== o.text;
    })
    .map((o) => o.path);
}

/** Writes the outputs under `dir`; returns the paths that changed. */
export function writeOutputs(outputs: readonly Output[], dir: string): string[] {
  const changed = drifted(outputs, dir);
  for (const o of outputs) {
    if (!changed.includes(o.path)) continue;
    const file = join(dir, o.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, o.text);
  }
  return changed;
}
