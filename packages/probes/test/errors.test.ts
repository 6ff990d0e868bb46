import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { HartslagError } from '@hartslag/metrics/contract';
import { describe, expect, it } from 'vitest';
import {
  loadProbeConfigFile,
  PROBE_ERROR_CODES,
  ProbeError,
  ProbeRunner,
  parseProbesArgs,
  readProbeConfig,
  serveProbes,
} from '../src/index.js';
import { listen } from './support/servers.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| `(HARTSLAG_[A-Z_]+)`\s*\|/gm)].map((m) => m[1]);

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
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

  it('throws every code from a real misuse', async () => {
    const taken = await listen(createServer());
    const thrown = [
      await codeOf(() => readProbeConfig('service: probes\n', 'probes.yaml')),
      await codeOf(() => new ProbeRunner([], { metrics: undefined as never })),
      await codeOf(() => parseProbesArgs(['run'])),
      await codeOf(() => loadProbeConfigFile(fileURLToPath(new URL('./no-such-probes.yaml', import.meta.url)))),
      await codeOf(() => serveProbes({ service: 'probes', probes: [] }, { host: '127.0.0.1', port: taken.port })),
    ];
    await taken.close();
    expect(thrown).toEqual([...PROBE_ERROR_CODES]);
  });

  it('uses codes of the form HARTSLAG_ERR_PROBES_<WHAT>', () => {
    for (const code of PROBE_ERROR_CODES) expect(code).toMatch(/^HARTSLAG_ERR_PROBES_[A-Z_]+$/);
  });
});
