import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promtoolCheckRules } from '@hartslag/testkit';
import { describe, expect, it } from 'vitest';
import { generateRules, renderRules } from '../../src/rules/generate.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const dir = new URL('../../testdata/golden/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';
const inputs = readdirSync(dir).filter((f) => f.startsWith('in-') && f.endsWith('.yaml'));

describe('generated rules equal the golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
  it('has golden inputs', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(3);
  });

  it.each(inputs)('Having %s it generates the rules in its out- file', (input) => {
    const spec = parseSpec(readFileSync(new URL(input, dir), 'utf8'), input);
    const text = renderRules(generateRules(spec), input);
    const golden = new URL(input.replace(/^in-/, 'out-'), dir);
    if (update) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('keeps examples/rules.yaml in step with examples/slos.yaml', () => {
    const spec = parseSpec(readFileSync(new URL('../../examples/slos.yaml', import.meta.url), 'utf8'), 'slos.yaml');
    const rules = new URL('../../examples/rules.yaml', import.meta.url);
    const text = renderRules(generateRules(spec), 'slos.yaml');
    if (update) writeFileSync(rules, text);
    expect(text).toBe(readFileSync(rules, 'utf8'));
  });
});

describe('promtool accepts every generated file', () => {
  const files = [
    ...inputs.map((f) => new URL(f.replace(/^in-/, 'out-'), dir)),
    new URL('../../examples/rules.yaml', import.meta.url),
  ];
  it.each(files.map((f) => [f.pathname.split('/').slice(-2).join('/'), f] as const))(
    'promtool check rules passes on %s',
    (_name, file) => {
      const r = promtoolCheckRules(fileURLToPath(file));
      expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
      expect(r.ok).toBe(true);
    },
  );
});
