import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { osloBinary, osloValidate } from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

/** The specs the docs show as Hartslag's own (those with hartslag.dev/ settings), by document and block. */
const DOCS = ['packages/slo/README.md', 'packages/slo/docs/spec.md'];
const blocks = DOCS.flatMap((doc) =>
  [...readFileSync(join(repo, doc), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m, i) => ({ name: `${doc} yaml block ${i + 1}`, text: m[1]! }))
    .filter((b) => CLAIMS_OPENSLO.test(b.text) && b.text.includes('hartslag.dev/')),
);
const dir = mkdtempSync(join(tmpdir(), 'hartslag-oslo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('every OpenSLO spec of the repository passes the OpenSLO validator (oslo, built from its Go module)', () => {
  // The first run on a machine builds oslo (about a minute); later runs reuse the binary.
  beforeAll(() => void osloBinary(), 600_000);

  it('finds the example and load-test specs among them', () => {
    expect(files).toEqual(expect.arrayContaining(['packages/slo/examples/slos.yaml', 'loadtests/slos.yaml']));
  });

  it('finds the specs the README and the spec reference show', () => {
    // The README shows the worked example and the grouped SLO.
    expect(blocks.map((b) => b.name.split(' ')[0])).toEqual([DOCS[0], ...DOCS]);
  });

  it.each(blocks.map((b) => [b.name, b.text] as const))('oslo validate accepts %s', (name, text) => {
    const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
    writeFileSync(file, text);
    const r = osloValidate(file);
    expect(r.output).toBe('Valid!');
    expect(r.ok).toBe(true);
  });

  it.each(files)('oslo validate accepts %s', (file) => {
    const r = osloValidate(join(repo, file));
    expect(r.output).toBe('Valid!');
    expect(r.ok).toBe(true);
  });
});
