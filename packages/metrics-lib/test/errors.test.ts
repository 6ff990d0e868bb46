import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ERROR_CODES,
  ExportError,
  HartslagError,
  HistoryStoreError,
  PiiLabelError,
  PipelineNameError,
  RecordError,
  RegistryConflictError,
  RegistryMissingError,
} from '../src/index.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| `(HARTSLAG_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);

describe('error codes', () => {
  it('documents every code in docs/errors.md, and nothing that does not exist', () => {
    expect(documented.sort()).toEqual([...ERROR_CODES].sort());
  });

  it('gives each error class the code it is documented with', () => {
    const thrown = [
      new ConfigError([{ field: 'service', message: 'is required' }]),
      new RegistryConflictError('care_calls_total'),
      new RecordError('bad outcome'),
      new PiiLabelError('tenant', 'bsn'),
      new ExportError('care_calls_total'),
      new HistoryStoreError('cannot open the SLO history file'),
      new PipelineNameError('stage', 'must be a string'),
      new RegistryMissingError(['prom-client', '@prometheus-io/client']),
    ];
    expect(thrown.map((e) => e.code)).toEqual([...ERROR_CODES]);
    for (const e of thrown) expect(e).toBeInstanceOf(HartslagError);
  });

  it('uses codes of the form HARTSLAG_ERR_<AREA>_<WHAT>', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^HARTSLAG_ERR_[A-Z]+_[A-Z_]+$/);
  });
});
