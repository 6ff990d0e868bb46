import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DRIVER_ERROR_CODES,
  LoadtestDriverError,
  PROFILES,
  resolveScript,
  runScenario,
  SCENARIOS,
} from '../../driver/index.js';

describe('the Artillery driver', () => {
  it.each(SCENARIOS.flatMap((s) => PROFILES.map((p) => [s, p] as const)))(
    'finds the generated Artillery script for %s (%s)',
    (scenario, profile) => {
      expect(existsSync(resolveScript(scenario, profile).path)).toBe(true);
    },
  );

  it('rejects an unknown scenario with a coded error that lists the known ones', async () => {
    const run = runScenario({
      scenario: 'lunch-rush' as never,
      profile: 'smoke',
      target: 'http://127.0.0.1:9',
      outputDir: '/tmp',
    });
    await expect(run).rejects.toBeInstanceOf(LoadtestDriverError);
    await expect(run).rejects.toMatchObject({
      code: 'HARTSLAG_ERR_LOADTEST_UNKNOWN_SCENARIO',
      message: expect.stringContaining('morning-login-spike, restart-storm, restart-storm-jittered, steady-day'),
    });
  });

  it('keeps one code per error, each named HARTSLAG_ERR_LOADTEST_*', () => {
    expect(new Set(DRIVER_ERROR_CODES).size).toBe(DRIVER_ERROR_CODES.length);
    for (const code of DRIVER_ERROR_CODES) expect(code).toMatch(/^HARTSLAG_ERR_LOADTEST_[A-Z_]+$/);
  });
});
