import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_ERROR_CODES, DemoError } from '../src/errors.js';

const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Every TypeScript source of the demo but the list of codes itself. */
function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && e.name !== 'errors.ts')
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('the demo’s error codes', () => {
  it('are each thrown somewhere, and nothing throws a code that is not listed', () => {
    const code = `${sources(path.join(DEMO_DIR, 'src'))}\n${sources(path.join(DEMO_DIR, 'bin'))}`;
    const used = new Set(code.match(/HARTSLAG_ERR_DEMO_[A-Z_]+/g));
    expect([...used].sort()).toEqual([...DEMO_ERROR_CODES].sort());
  });

  it('are documented in the README, in the same order, and nothing else is', () => {
    const readme = readFileSync(path.join(DEMO_DIR, 'README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| `(HARTSLAG_ERR_[A-Z_]+)` *\|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...DEMO_ERROR_CODES]);
  });

  it('travel with the error', () => {
    const e = new DemoError('HARTSLAG_ERR_DEMO_PORT_BUSY', 'port 4000 is busy');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('HARTSLAG_ERR_DEMO_PORT_BUSY');
    expect(e.name).toBe('DemoError');
  });
});
