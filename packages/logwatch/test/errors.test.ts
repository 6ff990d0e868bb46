import { readFileSync } from 'node:fs';
import { HartslagError } from '@hartslag/metrics/contract';
import { describe, expect, it } from 'vitest';
import {
  CheckpointCorruptError,
  CheckpointWriteError,
  CliUsageError,
  ConfigError,
  ERROR_CODES,
  FileReadError,
  LogwatchError,
} from '../src/index.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| `(HARTSLAG_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);

describe('error codes', () => {
  it('documents every code in docs/errors.md, once, and nothing that does not exist', () => {
    expect([...documented].sort()).toEqual([...ERROR_CODES].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('gives each error class the code it is documented with', () => {
    const thrown = [
      new ConfigError('logwatch.yaml', [{ file: 'logwatch.yaml', line: 3, path: 'service', message: 'is required' }]),
      new CheckpointWriteError('/state', Object.assign(new Error('ro'), { code: 'EROFS' })),
      new CheckpointCorruptError('/state/checkpoint.json', 'not JSON'),
      new CliUsageError('bad'),
      new FileReadError('x.yaml', new Error('boom')),
    ];
    expect(thrown.map((e) => e.code)).toEqual([...ERROR_CODES]);
    for (const e of thrown) {
      expect(e).toBeInstanceOf(LogwatchError);
      expect(e).toBeInstanceOf(HartslagError);
    }
  });

  it('uses codes of the form HARTSLAG_ERR_LOGWATCH_<WHAT>', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^HARTSLAG_ERR_LOGWATCH_[A-Z_]+$/);
  });
});
