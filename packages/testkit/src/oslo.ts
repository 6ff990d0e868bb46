import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './requireTool.js';

/** The OpenSLO validator, built from its Go module (https://github.com/OpenSLO/oslo). */
export const OSLO = { module: 'github.com/OpenSLO/oslo', version: 'v0.13.0' } as const;

/**
 * The path of `oslo`, built once per version into ~/.cache/hartslag/bin/oslo-<version>/ (or
 * $HARTSLAG_CACHE/bin/…) and reused by every later run on the machine. `go install …@version`
 * cannot be used: it asks the module proxy for the module's version list, which the proxy does
 * not serve for this module, while it serves the version itself; so the module is downloaded by
 * its exact version and built in place.
 */
export function osloBinary(): string {
  const dir = join(process.env.HARTSLAG_CACHE ?? join(homedir(), '.cache', 'hartslag'), 'bin', `oslo-${OSLO.version}`);
  const binary = join(dir, 'oslo');
  if (existsSync(binary)) return binary;
  requireTool('go');
  const download = spawnSync('go', ['mod', 'download', '-json', `${OSLO.module}@${OSLO.version}`], {
    encoding: 'utf8',
  });
  const source = /"Dir":\s*"([^"]+)"/.exec(download.stdout ?? '')?.[1];
  if (download.status !== 0 || source === undefined) {
    throw new Error(`cannot download ${OSLO.module}@${OSLO.version}:\n${download.stdout}${download.stderr}`);
  }
  mkdirSync(dir, { recursive: true });
  // Built beside its place and renamed, so that a parallel build never leaves half a binary there.
  const tmp = `${binary}.${process.pid}`;
  const build = spawnSync('go', ['build', '-o', tmp, './cmd/oslo'], {
    cwd: source,
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-mod=mod' },
  });
  if (build.status !== 0) throw new Error(`cannot build oslo ${OSLO.version}:\n${build.stdout}${build.stderr}`);
  renameSync(tmp, binary);
  return binary;
}

/** Runs `oslo validate -f file` with the real validator; `output` holds its verdict. */
export function osloValidate(file: string): { ok: boolean; output: string } {
  const r = spawnSync(osloBinary(), ['validate', '-f', file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}
