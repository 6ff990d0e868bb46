import { readFileSync } from 'node:fs';
import { HartslagError } from '@hartslag/metrics/contract';
import { describe, expect, it } from 'vitest';
import { PROBE_ERROR_CODES, ProbeError, ProbeRunner, readProbeConfig } from '../src/index.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| `(HARTSLAG_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ProbeError);
    expect(e).toBeInstanceOf(HartslagError);
    return (e as ProbeError).code;
  }
  return undefined;
}

describe('error codes', () => {
  it('documents every code in docs/errors.md, and nothing that does not exist', () => {
    expect(documented.sort()).toEqual([...PROBE_ERROR_CODES].sort());
  });

  it('throws every code from a real misuse', () => {
    const thrown = [
      codeOf(() => readProbeConfig('service: probes\n', 'probes.yaml')),
      codeOf(() => new ProbeRunner([], { metrics: undefined as never })),
    ];
    expect(thrown).toEqual([...PROBE_ERROR_CODES]);
  });

  it('uses codes of the form HARTSLAG_ERR_PROBES_<WHAT>', () => {
    for (const code of PROBE_ERROR_CODES) expect(code).toMatch(/^HARTSLAG_ERR_PROBES_[A-Z_]+$/);
  });
});
