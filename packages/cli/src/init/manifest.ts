import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from '../errors.js';
import type { InitAnswers } from './answers.js';
import type { InitFile } from './files.js';
import { INIT_DIR } from './spec.js';

/** What init wrote last time: the answers, and each file's hash as written. */
export interface Manifest {
  version: 1;
  answers: InitAnswers;
  files: Record<string, string>;
}

export const MANIFEST_PATH = `${INIT_DIR}/.init-manifest.json`;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function readManifest(dir: string): Manifest | undefined {
  const file = join(dir, MANIFEST_PATH);
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    if (m?.version !== 1 || typeof m.files !== 'object' || typeof m.answers !== 'object')
      throw new Error('not a version 1 manifest');
    return m;
  } catch (cause) {
    throw new CliError(
      'HARTSLAG_ERR_INIT_MANIFEST',
      `${MANIFEST_PATH} cannot be read (${(cause as Error).message}): it records what hartslag init wrote; restore it from version control, or delete it and the files init wrote and run init again`,
      { cause },
    );
  }
}

export interface Plan {
  create: InitFile[];
  update: InitFile[];
  unchanged: string[];
  conflicts: { path: string; why: string }[];
}

/**
 * What writing `files` would do. A file that exists is replaced only when it still holds what init
 * wrote last time (its hash is in the manifest); a file of the team's, or one they edited, is a
 * conflict and nothing is written.
 */
export function plan(dir: string, files: readonly InitFile[], manifest: Manifest | undefined): Plan {
  const out: Plan = { create: [], update: [], unchanged: [], conflicts: [] };
  for (const f of files) {
    const target = join(dir, f.path);
    if (!existsSync(target)) {
      out.create.push(f);
      continue;
    }
    const current = sha256(readFileSync(target, 'utf8'));
    if (current === sha256(f.content)) out.unchanged.push(f.path);
    else if (manifest?.files[f.path] === current) out.update.push(f);
    else {
      out.conflicts.push({
        path: f.path,
        why:
          manifest?.files[f.path] === undefined
            ? 'was not written by hartslag init'
            : 'was edited since hartslag init wrote it',
      });
    }
  }
  return out;
}

/**
 * Writes every file to a temporary name beside it first, then renames them all into place and the
 * manifest last: a failure while writing leaves the old files as they were, never a half-written one.
 */
export function apply(dir: string, p: Plan, manifest: Manifest): void {
  const writes = [...p.create, ...p.update, { path: MANIFEST_PATH, content: `${JSON.stringify(manifest, null, 2)}\n` }];
  const temps: [string, string][] = [];
  try {
    for (const f of writes) {
      const target = join(dir, f.path);
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, f.content);
      temps.push([temp, target]);
    }
  } catch (cause) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw cause;
  }
  for (const [temp, target] of temps) renameSync(temp, target);
}
