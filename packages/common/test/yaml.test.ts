import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { fileLine, YamlPositions } from '../src/yaml.js';

describe('YAML positions', () => {
  it('gives the 1-based line and column of a node and of a syntax error', () => {
    const positions = new YamlPositions();
    const doc = parseDocument('page:\n  name: Apotheek\n  lang: [nl\n', { lineCounter: positions.lineCounter });
    const page = doc.get('page', true) as { get(key: string, keep: true): { range: number[] } };
    expect(positions.of(page.get('name', true))).toEqual({ line: 2, column: 9 });
    // The unclosed flow sequence is noticed where the text ends, on the line after it.
    expect(doc.errors.map((e) => [e.code, positions.at(e.pos[0])])).toEqual([['BAD_INDENT', { line: 4, column: 1 }]]);
  });

  it('puts an absent value at the start of the file', () => {
    expect(new YamlPositions().of(undefined)).toEqual({ line: 1, column: 1 });
  });

  it('spells a place as editors link it', () => {
    expect(fileLine('status.yaml', { line: 14, column: 7 })).toBe('status.yaml:14:7');
    expect(fileLine('slos.yaml', { line: 3 })).toBe('slos.yaml:3');
    expect(fileLine('status.yaml', { line: 0, column: 0 })).toBe('status.yaml');
  });
});
