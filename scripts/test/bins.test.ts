import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { BIN_SHIM, syncBins } from '../packaging/bins.mjs';
// @ts-expect-error: plain ESM script without types
import { publicPackages } from '../packaging/packages.mjs';

type Pkg = { name: string; dir: string; manifest: { bin?: string | Record<string, string> } };
const withBins = (publicPackages() as Pkg[]).filter((p) => p.manifest.bin !== undefined);

describe('bin files: one shim, written by pnpm generate', () => {
  it('every public command is the shim, byte for byte', () => {
    expect(withBins.length).toBeGreaterThanOrEqual(4);
    expect(syncBins({ check: true })).toEqual([]);
    for (const p of withBins) {
      const bins = typeof p.manifest.bin === 'string' ? [p.manifest.bin] : Object.values(p.manifest.bin ?? {});
      for (const b of bins) expect(readFileSync(join(p.dir, b), 'utf8')).toBe(BIN_SHIM);
    }
  });

  it('the shim starts the package command from its TypeScript source in a checkout', () => {
    const slo = withBins.find((p) => p.name === '@hartslag/slo');
    expect(slo).toBeDefined();
    let out = '';
    try {
      execFileSync(process.execPath, [join(slo!.dir, 'bin/hartslag-slo.mjs')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      // Without arguments the command prints its usage and exits 2.
      const err = e as { status: number; stdout: string; stderr: string };
      expect(err.status).toBe(2);
      out = `${err.stdout}${err.stderr}`;
    }
    expect(out).toMatch(/usage:\n {2}hartslag slo validate/);
  }, 60_000);
});
