// Builds a Go program of tools/<name>/ (the OpenTelemetry Collector distribution `otelcol`, the
// OpenTelemetry-only gRPC `record-service`) once per source version and prints the binary's path.
// The binary lives outside the work tree, in ~/.cache/hartslag/bin/<name>-<hash>/ (or
// $HARTSLAG_CACHE/bin/…), keyed by a hash of go.mod, go.sum and main.go: a later run, or another
// worktree of the same commit, reuses it, and a changed module list builds a new one. The
// Collector's first build takes 1–3 minutes on 2 cores and fills the Go module cache with ≈1 GB
// (keep GOMODCACHE between CI runs to skip the download).
// Usage: node scripts/build-go-tool.mjs [otelcol|record-service …]   (default: all of them)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOLS = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools');
const FILES = ['go.mod', 'go.sum', 'main.go'];
export const GO_TOOLS = ['otelcol', 'record-service'];

export function goToolBinary(name) {
  if (!GO_TOOLS.includes(name)) throw new Error(`no Go tool ${name} in tools/: one of ${GO_TOOLS.join(', ')}`);
  const source = join(TOOLS, name);
  const hash = createHash('sha256');
  for (const f of FILES) hash.update(f).update(readFileSync(join(source, f)));
  const key = hash.digest('hex').slice(0, 16);
  const dir = join(process.env.HARTSLAG_CACHE ?? join(homedir(), '.cache', 'hartslag'), 'bin', `${name}-${key}`);
  const binary = join(dir, name);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  // Built beside its place and renamed, so that a parallel build never leaves half a binary there.
  const tmp = `${binary}.${process.pid}`;
  const build = spawnSync('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', tmp, '.'], {
    cwd: source,
    encoding: 'utf8',
    // -mod=readonly: go.sum is committed and complete; a build never rewrites it.
    env: { ...process.env, GOFLAGS: '-mod=readonly -buildvcs=false' },
  });
  if (build.error?.code === 'ENOENT') {
    throw new Error('go is not installed: apt-get install -y --no-install-recommends golang-go');
  }
  if (build.status !== 0) throw new Error(`cannot build tools/${name}:\n${build.stdout}${build.stderr}`);
  renameSync(tmp, binary);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const names = process.argv.slice(2);
    for (const name of names.length > 0 ? names : GO_TOOLS) console.log(goToolBinary(name));
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
