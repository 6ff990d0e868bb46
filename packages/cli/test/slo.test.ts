import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hartslag } from './support.js';

const bin = fileURLToPath(new URL('../bin/hartslag.mjs', import.meta.url));
const example = fileURLToPath(new URL('../../slo/examples/slos.yaml', import.meta.url));

describe('hartslag slo', () => {
  it('runs @hartslag/slo as a real process from the package bin', () => {
    const r = spawnSync(process.execPath, [bin, 'slo', 'validate', example], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('4 SLOs valid');
  });

  it("keeps @hartslag/slo's exit codes and errors: a missing spec file is a usage error", async () => {
    const r = await hartslag(['slo', 'validate', '/nonexistent/slos.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('/nonexistent/slos.yaml');
  });

  it('an unknown command names itself and shows the usage, with exit 2', async () => {
    const r = await hartslag(['deploy']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^HARTSLAG_ERR_CLI_USAGE: unknown command "deploy"/);
    expect(r.err).toContain('hartslag init');
    expect(r.err).toContain('hartslag contract check <url>');
  });
});
