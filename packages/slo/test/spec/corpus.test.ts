import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promtoolCheckRules } from '@hartslag/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SpecError } from '../../src/errors.js';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

/** The public OpenSLO files of testdata/openslo, held to what corpus.yaml records for each. */
const root = fileURLToPath(new URL('../../testdata/openslo/', import.meta.url));
interface Entry {
  accepted?: string[];
  warnings?: number;
  refused?: string[];
}
const manifest = parse(readFileSync(join(root, 'corpus.yaml'), 'utf8')) as {
  sources: Record<string, unknown>;
  files: Record<string, Entry>;
};
const files = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory())
  .flatMap((d) => readdirSync(join(root, d)).map((f) => `${d}/${f}`));
const dir = mkdtempSync(join(tmpdir(), 'hartslag-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => parseSpec(readFileSync(join(root, file), 'utf8'), file);

describe('the OpenSLO corpus (testdata/openslo/corpus.yaml)', () => {
  it('records every file, keeps each source’s licence beside it, and names no file that is not there', () => {
    const specs = files.filter((f) => /\.ya?ml$/.test(f));
    expect(Object.keys(manifest.files).sort()).toEqual(specs.sort());
    for (const source of Object.keys(manifest.sources)) expect(files).toContain(`${source}/LICENSE`);
  });

  const accepted = Object.entries(manifest.files).filter(([, e]) => e.accepted !== undefined);
  const refused = Object.entries(manifest.files).filter(([, e]) => e.refused !== undefined);

  it.each(accepted)('Having %s it reads the SLOs recorded, and promtool accepts their rules', (file, entry) => {
    const spec = read(file);
    expect(spec.slos.map((s) => s.name)).toEqual(entry.accepted);
    expect(spec.warnings ?? []).toHaveLength(entry.warnings ?? 0);
    const out = join(dir, `${file.replace('/', '-')}.rules.yaml`);
    // Their time slices are a minute long: four scrapes need a 15-second scrape interval.
    writeFileSync(out, renderRules(generateRules(spec, { scrapeInterval: 15 }), file));
    const check = promtoolCheckRules(out);
    expect(check.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(check.ok).toBe(true);
  });

  it.each(refused)('Having %s it refuses it once per cause, with the codes recorded', (file, entry) => {
    let error: unknown;
    try {
      read(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    const problems = (error as SpecError).problems;
    expect(problems.map((p) => p.code ?? 'HARTSLAG_ERR_SPEC_INVALID')).toEqual(entry.refused);
    for (const p of problems) expect(p.line).toBeGreaterThan(0);
  });
});
