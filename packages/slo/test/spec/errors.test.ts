import { readFileSync } from 'node:fs';
import { HartslagError } from '@hartslag/metrics/contract';
import { describe, expect, it } from 'vitest';
import {
  CliUsageError,
  ERROR_CODES,
  FileReadError,
  formatProblem,
  HartslagSloError,
  ReceiversError,
  RelabelError,
  ReportError,
  ScrapeIntervalError,
  SPEC_PROBLEM_CODES,
  SPEC_WARNING_CODES,
  SpecError,
} from '../../src/errors.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| `(HARTSLAG_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);

function readError(file: string): unknown {
  try {
    readFileSync(file);
  } catch (err) {
    return err;
  }
  throw new Error(`${file} exists`);
}

describe('error codes', () => {
  it('documents every code in docs/errors.md, and nothing that does not exist', () => {
    const all = new Set<string>([...ERROR_CODES, ...SPEC_PROBLEM_CODES, ...SPEC_WARNING_CODES]);
    expect(documented.sort()).toEqual([...all].sort());
  });

  it('documents each code once', () => {
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('gives each error class the code it is documented with', () => {
    const thrown = [
      new SpecError('slos.yaml', [{ file: 'slos.yaml', line: 3, path: 'spec.service', message: 'is required' }]),
      new CliUsageError('unknown command "slo frobnicate"'),
      new FileReadError('slos.yaml', new Error('boom')),
      new RelabelError('operation "login" belongs to two services'),
      new ReceiversError('receivers.yaml', ['no receiver named "oncall"']),
      new ScrapeIntervalError('slos.yaml', [
        { slo: 'x', window: 60, what: 'time slice', scrapeInterval: 30, needs: 4, fix: 'lengthen it to 2m' },
      ]),
      new ReportError('cannot reach Prometheus'),
    ];
    expect(thrown.map((e) => e.code)).toEqual([...ERROR_CODES]);
    for (const e of thrown) expect(e).toBeInstanceOf(HartslagSloError);
  });

  it('shares the HartslagError base with the other Hartslag packages', () => {
    const e = new CliUsageError('bad');
    expect(e).toBeInstanceOf(HartslagError);
    expect(e.code).toBe('HARTSLAG_ERR_CLI_USAGE');
  });

  it('uses codes of the form HARTSLAG_ERR_<AREA>_<WHAT>, and HARTSLAG_WARN_ for warnings', () => {
    for (const code of [...ERROR_CODES, ...SPEC_PROBLEM_CODES]) expect(code).toMatch(/^HARTSLAG_ERR_[A-Z]+_[A-Z_]+$/);
    for (const code of SPEC_WARNING_CODES) expect(code).toMatch(/^HARTSLAG_WARN_[A-Z]+_[A-Z_]+$/);
  });
});

describe('SpecError', () => {
  it('lists a header and one file:line line per problem', () => {
    const e = new SpecError('slos.yaml', [
      { file: 'slos.yaml', line: 1, path: '', message: 'YAML: Map keys must be unique' },
      { file: 'slos.yaml', line: 14, path: 'spec.objectives[0].target', message: 'must be a number, got nothing' },
    ]);
    expect(e.message).toBe(
      [
        'slos.yaml: 2 problems:',
        'slos.yaml:1: YAML: Map keys must be unique',
        'slos.yaml:14: spec.objectives[0].target must be a number, got nothing',
      ].join('\n'),
    );
    expect(e.problems).toHaveLength(2);
  });

  it('says "1 problem" for one', () => {
    const p = { file: 'a.yaml', line: 5, path: 'spec.service', message: 'is required' };
    expect(new SpecError('a.yaml', [p]).message.split('\n')[0]).toBe('a.yaml: 1 problem:');
    expect(formatProblem(p)).toBe('a.yaml:5: spec.service is required');
  });
});

describe('FileReadError', () => {
  it('names the path and the operating system reason, keeping the cause', () => {
    const cause = readError('/nonexistent/slos.yaml');
    const e = new FileReadError('/nonexistent/slos.yaml', cause);
    expect(e.message).toBe('cannot read /nonexistent/slos.yaml: no such file or directory (ENOENT)');
    expect(e.file).toBe('/nonexistent/slos.yaml');
    expect(e.cause).toBe(cause);
  });

  it('says what reading a directory gives', () => {
    const e = new FileReadError('/tmp', readError('/tmp'));
    expect(e.message).toBe('cannot read /tmp: illegal operation on a directory (EISDIR)');
  });

  it('takes causes that are not errors', () => {
    expect(new FileReadError('x.yaml', 'gone').message).toBe('cannot read x.yaml: gone');
  });
});
