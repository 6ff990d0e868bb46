import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  baselineBand,
  detectAnomalies,
  fold,
  localParts,
  RHYTHM_ERROR_CODES,
  RhythmError,
  shiftFor,
} from '../src/index.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| `(HARTSLAG_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RhythmError);
    return (e as RhythmError).code;
  }
  return undefined;
}

describe('error codes', () => {
  it('documents every code in docs/errors.md, and nothing that does not exist', () => {
    expect(documented.sort()).toEqual([...RHYTHM_ERROR_CODES].sort());
  });

  it('throws every code from a real misuse', () => {
    const empty = baselineBand([], { step: 300_000 });
    const thrown = [
      codeOf(() => localParts(0, 'Europe/Atlantis')),
      codeOf(() => fold([], { period: 'fortnight' as 'day', timeZone: 'UTC' })),
      codeOf(() => fold([], { period: 'day', timeZone: 'UTC', step: 10 })),
      codeOf(() => addDays('2027-02-29', 1)),
      codeOf(() => shiftFor({ weeks: -1 })),
      codeOf(() => baselineBand([], { step: 300_000, quantiles: { low: 0.9, high: 0.1 } })),
      codeOf(() => detectAnomalies([], empty, { margin: Number.NaN })),
      codeOf(() => detectAnomalies([], empty)),
    ];
    expect(thrown).toEqual([...RHYTHM_ERROR_CODES]);
  });

  it('uses codes of the form HARTSLAG_ERR_RHYTHM_<WHAT>', () => {
    for (const code of RHYTHM_ERROR_CODES) expect(code).toMatch(/^HARTSLAG_ERR_RHYTHM_[A-Z_]+$/);
    expect(new RhythmError('HARTSLAG_ERR_RHYTHM_STEP_INVALID', 'x').name).toBe('RhythmError');
  });
});
