import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/types.js';

function leaves(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

test('every option has an editor in module.ts, and every editor path is an option', () => {
  const source = readFileSync(new URL('../../src/module.ts', import.meta.url), 'utf8');
  const literal = [...source.matchAll(/path: '([^']+)'/g)].map((m) => m[1]);
  // The overlay helper writes `${key}.show` / `${key}.style` for the four named overlays.
  const templated = [...source.matchAll(/overlay\(\s*'(\w+)'/g)].flatMap((m) => [`${m[1]}.show`, `${m[1]}.style`]);
  expect(new Set([...literal, ...templated])).toEqual(new Set(leaves(DEFAULT_OPTIONS)));
});
