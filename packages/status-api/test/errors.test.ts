import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTH_ERROR_CODES } from '../src/auth/AuthError.js';
import { CONFIG_ERROR_CODES } from '../src/config/ConfigError.js';
import { ERROR_CODES } from '../src/errors.js';
import { HTTP_ERROR_CODES } from '../src/http/errorReply.js';
import { SOURCE_ERROR_CODES } from '../src/source/SourceError.js';
import { STORE_ERROR_CODES } from '../src/store/StoreError.js';

describe('error codes', () => {
  it('documents every code in docs/errors.md, in the order of the list, and nothing that does not exist', () => {
    const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(HARTSLAG_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...ERROR_CODES]);
  });

  it('gives each code to exactly one area', () => {
    const areas = [SOURCE_ERROR_CODES, CONFIG_ERROR_CODES, AUTH_ERROR_CODES, STORE_ERROR_CODES, HTTP_ERROR_CODES];
    expect(areas.map((a) => a.length)).toEqual([3, 2, 1, 4, 14]);
    expect(areas.flat().sort()).toEqual([...ERROR_CODES].sort());
    expect(new Set(ERROR_CODES).size).toBe(24);
  });
});
