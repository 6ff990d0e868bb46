import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { osloBinary, osloValidate } from '@hartslag/testkit';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
/** Files that claim OpenSLO but are not Hartslag's to keep valid, and why. */
const NOT_OURS = [
  // Public files kept as they were published: the validator's and the SDK's own negative tests among them.
  'packages/slo/testdata/openslo/',
  // Fixtures of Hartslag's messages: invalid on purpose, and the old (pre-annotation) form.
  'packages/slo/testdata/validate/',
];
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage']);
const CLAIMS_OPENSLO = /^\s*(?:-\s+)?apiVersion:\s*["']?openslo\//m;

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : specFiles(path);
    if (!/\.ya?ml$/.test(entry.name)) return [];
    const file = relative(repo, path);
    if (NOT_OURS.some((d) => file.startsWith(d))) return [];
    return CLAIMS_OPENSLO.test(readFileSync(path, 'utf8')) ? [file] : [];
  });
}

const files = specFiles(repo).sort();

describe('every OpenSLO spec of the repository passes the OpenSLO validator (oslo, built from its Go module)', () => {
  // The first run on a machine builds oslo (about a minute); later runs reuse the binary.
  beforeAll(() => void osloBinary(), 600_000);

  it('finds the example and load-test specs among them', () => {
    expect(files).toEqual(expect.arrayContaining(['packages/slo/examples/slos.yaml', 'loadtests/slos.yaml']));
  });

  it.each(files)('oslo validate accepts %s', (file) => {
    const r = osloValidate(join(repo, file));
    expect(r.output).toBe('Valid!');
    expect(r.ok).toBe(true);
  });
});
