import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLATFORM_ERROR_CODES } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('starts with an example that runs', () => {
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      input: example,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('medication history 200');
    expect(r.stdout).toMatch(/message 202 [0-9a-f-]{36}/);
    expect(r.stdout).toContain('operation="fetch-medication-history",outcome="success",code="200"} 1');
  });

  it('documents every error code, and no other', () => {
    const documented = [...readme.matchAll(/^\| `(HARTSLAG_ERR_[A-Z_]+)` *\|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...PLATFORM_ERROR_CODES]);
  });
});
