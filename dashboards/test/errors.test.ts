import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HartslagError } from '@hartslag/metrics/errors';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS_ERROR_CODES, DashboardsError, PACKAGE_DIR, readSpecs, sloLimits } from '../src/index.js';

describe('errors', () => {
  const docs = readFileSync(join(PACKAGE_DIR, 'docs/errors.md'), 'utf8');

  it('documents every code, and nothing that does not exist', () => {
    const documented = [...docs.matchAll(/`(HARTSLAG_ERR_DASHBOARDS_\w+)`/g)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(DASHBOARDS_ERROR_CODES));
  });

  it('are HartslagErrors with the code', () => {
    const e = new DashboardsError('HARTSLAG_ERR_DASHBOARDS_SPEC', 'x');
    expect(e).toBeInstanceOf(HartslagError);
    expect(e.code).toBe('HARTSLAG_ERR_DASHBOARDS_SPEC');
  });

  it('a missing spec file names the file and how to fix it', () => {
    expect(() => readSpecs(['nope/slos.yaml'])).toThrow(
      expect.objectContaining({
        code: 'HARTSLAG_ERR_DASHBOARDS_SPEC',
        message: expect.stringContaining('nope/slos.yaml'),
      }),
    );
  });

  it('a spec without any coffee-break limit says which field to add', () => {
    const specs = readSpecs(['loadtests/slos.yaml']);
    expect(() => sloLimits(specs)).toThrow(
      expect.objectContaining({
        code: 'HARTSLAG_ERR_DASHBOARDS_SPEC',
        message: expect.stringContaining('hartslag.dev/max-outage'),
      }),
    );
  });

  it('the limits come from the spec: a 10-minute coffee break, warned at 5, pages at 14.4×', () => {
    expect(sloLimits(readSpecs())).toEqual({ maxOutage: 600, warnAfter: 300, pageBurnRate: 14.4, ticketBurnRate: 3 });
  });
});
