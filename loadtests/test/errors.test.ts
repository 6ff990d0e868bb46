import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOADTEST_ERROR_CODES, LoadtestError } from '../src/errors.js';
import { PACKAGE_DIR } from '../src/generate/outputs.js';

/** Every TypeScript source of the package, but the error list itself. */
function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && e.name !== 'errors.ts')
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('load-test error codes', () => {
  const code = `${sources(join(PACKAGE_DIR, 'src'))}\n${sources(join(PACKAGE_DIR, 'bin'))}`;

  it('are each thrown somewhere, and nothing throws a code that is not listed', () => {
    const used = new Set(code.match(/HARTSLAG_ERR_LOADTEST_[A-Z_]+/g));
    expect([...used].sort()).toEqual([...LOADTEST_ERROR_CODES].sort());
  });

  it('travel with the error', () => {
    const e = new LoadtestError('HARTSLAG_ERR_LOADTEST_SCALE', 'HARTSLAG_PEAK_USERS must be a positive whole number');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('HARTSLAG_ERR_LOADTEST_SCALE');
    expect(e.name).toBe('LoadtestError');
  });
});
