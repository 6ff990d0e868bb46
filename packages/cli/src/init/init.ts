import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from '../errors.js';
import { checkAnswers, type InitAnswers, type RawAnswers } from './answers.js';
import { generateFiles, type InitFile, readSpec } from './files.js';
import { apply, type Manifest, plan, readManifest, sha256 } from './manifest.js';
import { renderSpec, SPEC_PATH } from './spec.js';

export interface InitOptions {
  dir: string;
  dryRun?: boolean;
}

export interface InitResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** true when the spec on disk is the team's own (edited, or theirs from the start) and was read, not written. */
  specIsTeams: boolean;
  /** Flags that only shape the spec, given while the spec is the team's: not applied. */
  ignoredFlags: string[];
  dryRun: boolean;
}

/** Answers that only go into the spec; once the spec is the team's, they are its to change. */
const SPEC_FLAGS = ['operations', 'objective', 'max-outage'] as const;

/** Answers as flags, so a second run without flags repeats the first. */
export function rawOf(a: InitAnswers): RawAnswers {
  return {
    service: a.service,
    operations: a.operations.join(','),
    ...(a.tenantLabel ? { 'tenant-label': a.tenantLabel } : {}),
    ...(a.vendorLabel ? { 'vendor-label': a.vendorLabel } : {}),
    objective: String(a.objective),
    'max-outage': a.maxOutage,
    framework: a.framework,
  };
}

/**
 * Writes the spec (unless the team's own is there), then the rules, dashboards, provisioning,
 * status configuration, k6 script and instrumentation snippet generated from it. Idempotent: a
 * second run with the same answers and spec writes nothing.
 */
export function runInit(raw: RawAnswers, options: InitOptions): InitResult {
  const dir = resolve(options.dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new CliError('HARTSLAG_ERR_INIT_INPUT', `--dir ${options.dir} is not a directory`);
  }
  const manifest = readManifest(dir);
  const answers = checkAnswers({ ...(manifest ? rawOf(manifest.answers) : {}), ...raw });
  const specFile = join(dir, SPEC_PATH);
  const onDisk = existsSync(specFile) ? readFileSync(specFile, 'utf8') : undefined;
  const fresh = renderSpec(answers);
  // The spec is init's to rewrite while it holds what init wrote; once edited, it is the team's.
  const specIsTeams = onDisk !== undefined && onDisk !== fresh && manifest?.files[SPEC_PATH] !== sha256(onDisk);
  const specText = specIsTeams ? onDisk! : fresh;
  const spec = readSpec(specText);
  const files: InitFile[] = [
    ...(specIsTeams ? [] : [{ path: SPEC_PATH, content: specText }]),
    ...generateFiles(spec, answers),
  ];
  const p = plan(dir, files, manifest);
  if (p.conflicts.length > 0) {
    throw new CliError(
      'HARTSLAG_ERR_INIT_CONFLICT',
      `hartslag init wrote nothing: these files are in the way:\n${p.conflicts.map((c) => `  ${c.path} ${c.why}`).join('\n')}\nmove them aside (or delete them) and run hartslag init again, or run it with --dir pointing elsewhere`,
    );
  }
  const result: InitResult = {
    created: p.create.map((f) => f.path),
    updated: p.update.map((f) => f.path),
    unchanged: p.unchanged,
    specIsTeams,
    ignoredFlags: specIsTeams ? SPEC_FLAGS.filter((f) => raw[f] !== undefined).map((f) => `--${f}`) : [],
    dryRun: options.dryRun === true,
  };
  if (options.dryRun) return result;
  const hashes = Object.fromEntries(files.map((f) => [f.path, sha256(f.content)]));
  const next: Manifest = { version: 1, answers, files: hashes };
  const nothingChanged =
    p.create.length === 0 && p.update.length === 0 && JSON.stringify(manifest) === JSON.stringify(next);
  if (!nothingChanged) apply(dir, p, next);
  return result;
}

export function formatInit(r: InitResult): string {
  const lines = [
    ...r.created.map((f) => `${r.dryRun ? 'would create' : 'created'} ${f}`),
    ...r.updated.map((f) => `${r.dryRun ? 'would update' : 'updated'} ${f}`),
    ...r.unchanged.map((f) => `unchanged ${f}`),
  ];
  if (r.specIsTeams) lines.push(`read ${SPEC_PATH} as you edited it; everything else follows it`);
  if (r.ignoredFlags.length > 0) {
    lines.push(`not applied: ${r.ignoredFlags.join(', ')} — the spec is yours now: change it in ${SPEC_PATH}`);
  }
  const changed = r.created.length + r.updated.length;
  lines.push(
    changed === 0
      ? 'up to date: nothing to write'
      : `${r.dryRun ? 'dry run: would write' : 'wrote'} ${changed} file${changed === 1 ? '' : 's'}${r.dryRun ? '; nothing written' : ''}`,
  );
  if (!r.dryRun && changed > 0) {
    lines.push(
      'next: import hartslag/instrumentation.mjs in your service, load hartslag/prometheus/rules.yaml into Prometheus, and check with: hartslag contract check http://127.0.0.1:<port>/metrics',
    );
  }
  return `${lines.join('\n')}\n`;
}
