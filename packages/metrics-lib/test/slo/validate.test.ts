import { describe, expect, it } from 'vitest';
import { ConfigError, createCareMetrics } from '../../src/index.js';
import { createSloEvaluator } from '../../src/slo/SloEvaluator.js';
import type { SloObjective } from '../../src/slo/SloObjective.js';
import { AVAILABILITY, DAY } from './simulation.js';

function problems(objectives: unknown, options?: unknown): string[] {
  const metrics = createCareMetrics({ service: 'medication-history', registry: false });
  try {
    createSloEvaluator(metrics, objectives as SloObjective[], { autoStart: false, ...(options as object) });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('HARTSLAG_ERR_CONFIG_INVALID');
    return (err as ConfigError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  return [];
}

describe('checking SLOs at start-up', () => {
  it('accepts the SLOs of the example spec file', () => {
    expect(
      problems([
        {
          name: 'fetch-medication-history',
          operation: 'fetch-medication-history',
          objective: 0.999,
          window: 30 * DAY,
          maxOutage: { limit: 600, warnAfter: 300, errorRatio: 0.5 },
          silence: { detectWithin: 180, baselineWeeks: 3, minExpectedRate: 0.5, ratio: 0.25 },
        },
        { name: 'provider-login', objective: 0.995, window: 28 * DAY },
      ]),
    ).toEqual([]);
  });

  it('names the field of each problem, all at once', () => {
    expect(
      problems([
        { name: 'Medication History', objective: 1.5, window: 30 * DAY + 1 },
        {
          ...AVAILABILITY,
          maxOutage: { limit: 10, warnAfter: 0, errorRatio: 2 },
          silence: { detectWithin: 7200, baselineWeeks: 2.5, minExpectedRate: -1, ratio: 1 },
        },
      ]),
    ).toMatchInlineSnapshot(`
      [
        "objectives[0].name: must be a DNS label (a-z, 0-9, -), e.g. "fetch-medication-history", got "Medication History"",
        "objectives[0].objective: must be between 0 and 1 (exclusive), e.g. 0.999, got 1.5",
        "objectives[0].window: must be whole days in seconds from 1d to 90d (30d = 2592000), got 2592001",
        "objectives[1].maxOutage.limit: must be seconds from 60 (1m) to 86400 (1d), e.g. 600, got 10",
        "objectives[1].maxOutage.warnAfter: must be seconds above 0 and below the limit, e.g. half of it, got 0",
        "objectives[1].maxOutage.errorRatio: must be above 0 and at most 1 (1 = no call succeeded), e.g. 0.5, got 2",
        "objectives[1].silence.detectWithin: must be seconds from 120 (2m) to 3600 (1h), e.g. 180, got 7200",
        "objectives[1].silence.baselineWeeks: must be a whole number of weeks from 1 to 8, e.g. 3, got 2.5",
        "objectives[1].silence.minExpectedRate: must be calls per second, 0 or more, e.g. 0.1, got -1",
        "objectives[1].silence.ratio: must be between 0 and 1 (exclusive), e.g. 0.25, got 1",
      ]
    `);
  });

  it('rejects an objective of exactly 0 or 1, which leaves no budget or no target', () => {
    expect(problems([{ ...AVAILABILITY, objective: 1 }])).toEqual([
      'objectives[0].objective: must be between 0 and 1 (exclusive), e.g. 0.999, got 1',
    ]);
    expect(problems([{ ...AVAILABILITY, objective: 0 }])).toHaveLength(1);
  });

  it('rejects a warning that comes with or after the limit', () => {
    expect(problems([{ ...AVAILABILITY, maxOutage: { limit: 600, warnAfter: 600, errorRatio: 0.5 } }])).toEqual([
      'objectives[0].maxOutage.warnAfter: must be seconds above 0 and below the limit, e.g. half of it, got 600',
    ]);
  });

  it('rejects misspelt fields, suggesting the intended one', () => {
    expect(problems([{ ...AVAILABILITY, Objective: 0.99 }])).toEqual([
      'objectives[0].Objective: is not a field; did you mean "objective"? (known: name, operation, objective, window, maxOutage, silence, labels, alertWindows, minCalls, freshness, groupBy)',
    ]);
  });

  it('rejects two SLOs with the same name, which would share their alerts', () => {
    expect(problems([AVAILABILITY, AVAILABILITY])).toEqual([
      'objectives[1].name: duplicates objectives[0].name ("medication-history"); the name labels every alert',
    ]);
  });

  it('rejects missing objectives and bad options', () => {
    expect(problems(undefined)).toEqual([
      'objectives: must be an array of SLOs, e.g. [{ name: "login", objective: 0.999, window: 2592000 }]',
    ]);
    expect(problems([AVAILABILITY], { interval: 120, now: 5, autoStart: 'yes' })).toEqual([
      'now: must be a function () => ms since the epoch',
      'interval: must be seconds from 1 to 60: the 1-minute "now" window needs a tick in it, got 120',
      'autoStart: must be true or false',
    ]);
  });

  it('rejects something that is not CareMetrics', () => {
    expect(() => createSloEvaluator({} as never, [AVAILABILITY])).toThrow(/metrics: must be the CareMetrics/);
  });
});
